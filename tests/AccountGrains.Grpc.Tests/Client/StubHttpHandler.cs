using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace AccountGrains.Grpc.Tests.Client;

/// <summary>An HTTP handler that answers from a function and records what was sent: the protocol's edge cases without a server.</summary>
internal sealed class StubHttpHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> respond) : HttpMessageHandler
{
    private readonly List<(HttpRequestMessage Request, byte[] Body)> _sent = [];

    public StubHttpHandler(Func<HttpRequestMessage, HttpResponseMessage> respond)
        : this((request, _) => Task.FromResult(respond(request)))
    {
    }

    public IReadOnlyList<(HttpRequestMessage Request, byte[] Body)> Sent
    {
        get
        {
            lock (_sent)
            {
                return [.. _sent];
            }
        }
    }

    /// <summary>A 200 gRPC response with a body and trailers.</summary>
    public static HttpResponseMessage Grpc(byte[] body, Action<HttpResponseMessage>? configure = null, string? status = "0")
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Version = HttpVersion.Version20, Content = new ByteArrayContent(body) };
        response.Content.Headers.ContentType = new MediaTypeHeaderValue(GrpcProtocol.ContentType);
        if (status is not null)
        {
            response.TrailingHeaders.TryAddWithoutValidation(GrpcProtocol.StatusHeader, status);
        }

        configure?.Invoke(response);
        return response;
    }

    /// <summary>A Trailers-Only response: the status in the only header block.</summary>
    public static HttpResponseMessage TrailersOnly(StatusCode code, string encodedMessage)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Version = HttpVersion.Version20, Content = new ByteArrayContent([]) };
        response.Content.Headers.ContentType = new MediaTypeHeaderValue(GrpcProtocol.ContentType);
        response.Headers.TryAddWithoutValidation(GrpcProtocol.StatusHeader, ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture));
        response.Headers.TryAddWithoutValidation(GrpcProtocol.MessageHeader, encodedMessage);
        return response;
    }

    public static byte[] Frame(IMessage message, bool compressedFlag = false) => Frame(message.ToByteArray(), compressedFlag);

    public static byte[] Frame(byte[] payload, bool compressedFlag)
    {
        var framed = new byte[GrpcProtocol.MessagePrefixLength + payload.Length];
        MessageFraming.WritePrefix(framed, compressedFlag, payload.Length);
        payload.CopyTo(framed, GrpcProtocol.MessagePrefixLength);
        return framed;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        lock (_sent)
        {
            _sent.Add((request, body));
        }

        var response = await respond(request, cancellationToken);
        response.RequestMessage = request;
        return response;
    }
}
