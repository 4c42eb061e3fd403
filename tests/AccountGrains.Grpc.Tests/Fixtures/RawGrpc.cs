using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace AccountGrains.Grpc.Tests.Fixtures;

/// <summary>What a raw HTTP/2 gRPC call got back: HTTP status, headers, body, and the gRPC status wherever it came.</summary>
public sealed record RawGrpcResponse(HttpStatusCode HttpStatus, HttpResponseHeaders Headers, HttpResponseHeaders Trailers, byte[] Body)
{
    /// <summary>True when the status came in the headers (Trailers-Only).</summary>
    public bool IsTrailersOnly => Headers.Contains(GrpcProtocol.StatusHeader);

    /// <summary>The grpc-status, from the headers (Trailers-Only) or the trailers; null when there was none.</summary>
    public StatusCode? Status => Value(GrpcProtocol.StatusHeader) is { } s ? (StatusCode)int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <summary>The decoded grpc-message.</summary>
    public string? Message => Value(GrpcProtocol.MessageHeader) is { } m ? PercentEncoding.Decode(m) : null;

    /// <summary>A header or trailer value (headers first).</summary>
    public string? Value(string name) =>
        Headers.TryGetValues(name, out var h) ? h.First() : Trailers.TryGetValues(name, out var t) ? t.First() : null;

    /// <summary>The messages of the body, parsed (uncompressed frames only).</summary>
    public IReadOnlyList<T> Messages<T>(MessageParser<T> parser)
        where T : IMessage<T>
    {
        var list = new List<T>();
        var offset = 0;
        while (offset + 5 <= Body.Length)
        {
            var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(Body.AsSpan(offset + 1));
            list.Add(parser.ParseFrom(Body.AsSpan(offset + 5, length)));
            offset += 5 + length;
        }

        return list;
    }
}

/// <summary>Sends gRPC requests byte by byte over HttpClient, so tests control every header and frame.</summary>
public static class RawGrpc
{
    /// <summary>Frames a message: flag, big-endian length, bytes.</summary>
    public static byte[] Frame(byte[] payload, bool compressed = false, int? announcedLength = null)
    {
        var framed = new byte[5 + payload.Length];
        framed[0] = compressed ? (byte)1 : (byte)0;
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(framed.AsSpan(1), announcedLength ?? payload.Length);
        payload.CopyTo(framed, 5);
        return framed;
    }

    /// <summary>Frames a protobuf message.</summary>
    public static byte[] Frame(IMessage message) => Frame(message.ToByteArray());

    /// <summary>Builds a POST with gRPC headers; <paramref name="configure"/> may change any of them.</summary>
    public static HttpRequestMessage Request(string path, HttpContent content, string? contentType = GrpcProtocol.ContentType, Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content, Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        request.Headers.TryAddWithoutValidation("te", "trailers");
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("content-type", contentType);
        }

        configure?.Invoke(request);
        return request;
    }

    /// <summary>Sends a request and reads the whole response, trailers included.</summary>
    public static async Task<RawGrpcResponse> SendAsync(HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return new RawGrpcResponse(response.StatusCode, response.Headers, response.TrailingHeaders, body);
    }

    /// <summary>Sends one body to a path with gRPC headers.</summary>
    public static Task<RawGrpcResponse> CallAsync(HttpClient client, string path, byte[] body, Action<HttpRequestMessage>? configure = null, string? contentType = GrpcProtocol.ContentType) =>
        SendAsync(client, Request(path, new ByteArrayContent(body), contentType, configure));
}
