using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace AccountGrains.Grpc.Client.Internal;

/// <summary>Turns a request message and its options into the HTTP/2 request of each attempt (PROTOCOL-HTTP2.md "Requests").</summary>
internal sealed class RequestFactory
{
    private static readonly MediaTypeHeaderValue GrpcContentType = new(GrpcProtocol.ContentType);
    private static readonly ProductInfoHeaderValue UserAgent = new("grpc-accountgrains", "1.0");

    private readonly Uri _uri;
    private readonly byte[] _framed;
    private readonly string? _encoding;
    private readonly string _acceptEncoding;
    private readonly Metadata? _headers;

    private RequestFactory(Uri uri, byte[] framed, string? encoding, string acceptEncoding, Metadata? headers)
    {
        _uri = uri;
        _framed = framed;
        _encoding = encoding;
        _acceptEncoding = acceptEncoding;
        _headers = headers;
    }

    /// <summary>Serializes (and compresses) the message once; every attempt sends the same bytes.</summary>
    /// <exception cref="ArgumentException">The metadata holds a reserved key, or the compression is unknown.</exception>
    public static RequestFactory Create(GrpcChannel channel, string path, IMessage request, in CallOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateHeaders(options.Headers);
        var provider = FindProvider(channel.Options.CompressionProviders, options.WriteCompression);
        var serialized = request.ToByteArray();
        var payload = provider is null ? serialized : MessageCompression.Compress(provider, serialized);
        var framed = new byte[GrpcProtocol.MessagePrefixLength + payload.Length];
        MessageFraming.WritePrefix(framed, compressed: provider is not null, payload.Length);
        payload.CopyTo(framed.AsSpan(GrpcProtocol.MessagePrefixLength));

        var accept = string.Join(',', channel.Options.CompressionProviders.Select(p => p.EncodingName).Prepend(GrpcProtocol.IdentityEncoding));
        return new RequestFactory(new Uri(channel.Address, path), framed, provider?.EncodingName, accept, options.Headers) { MessageLength = serialized.Length };
    }

    /// <summary>The serialized message's length before compression (checked against the send limit).</summary>
    public int MessageLength { get; private init; }

    /// <summary>A fresh request: an <see cref="HttpRequestMessage"/> can be sent only once.</summary>
    public HttpRequestMessage CreateAttempt(TimeSpan? remaining)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, _uri)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(_framed),
        };
        request.Content.Headers.ContentType = GrpcContentType;
        request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        request.Headers.UserAgent.Add(UserAgent);
        request.Headers.TryAddWithoutValidation(GrpcProtocol.AcceptEncodingHeader, _acceptEncoding);
        if (_encoding is not null)
        {
            request.Headers.TryAddWithoutValidation(GrpcProtocol.EncodingHeader, _encoding);
        }

        if (remaining is { } timeout)
        {
            request.Headers.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Format(timeout));
        }

        if (_headers is not null)
        {
            foreach (var entry in _headers)
            {
                // The spec asks senders for unpadded base64 in -bin values; receivers accept both.
                var value = entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes).TrimEnd('=') : entry.Value;
                request.Headers.TryAddWithoutValidation(entry.Key, value);
            }
        }

        return request;
    }

    private static void ValidateHeaders(Metadata? headers)
    {
        if (headers is null)
        {
            return;
        }

        foreach (var entry in headers)
        {
            if (GrpcProtocol.IsReservedHeader(entry.Key))
            {
                throw new ArgumentException($"'{entry.Key}' is reserved by the gRPC protocol and cannot be sent as custom metadata.", nameof(headers));
            }
        }
    }

    private static ICompressionProvider? FindProvider(IList<ICompressionProvider> providers, string? encoding)
    {
        if (encoding is null || encoding == GrpcProtocol.IdentityEncoding)
        {
            return null;
        }

        return providers.FirstOrDefault(p => p.EncodingName == encoding)
            ?? throw new ArgumentException($"The channel has no compression provider for '{encoding}'.", nameof(encoding));
    }
}
