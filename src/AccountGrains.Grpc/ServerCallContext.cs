namespace AccountGrains.Grpc;

/// <summary>
/// What a handler (and an interceptor) knows about the call it serves: the method, the caller, the deadline,
/// the request headers, and the headers and trailers it sends back.
/// </summary>
public abstract class ServerCallContext
{
    /// <summary>The method's path, <c>/package.Service/Method</c>.</summary>
    public abstract string Method { get; }

    /// <summary>The caller's address, as gRPC writes it: <c>ipv4:127.0.0.1:5000</c> or <c>ipv6:[::1]:5000</c>.</summary>
    public abstract string Peer { get; }

    /// <summary>The call's deadline in UTC, from <c>grpc-timeout</c>; <see cref="DateTime.MaxValue"/> when there is none.</summary>
    public abstract DateTime Deadline { get; }

    /// <summary>Cancelled when the caller cancels, the deadline passes, or (for streaming calls) the server shuts down.</summary>
    public abstract CancellationToken CancellationToken { get; }

    /// <summary>The caller's custom metadata (reserved <c>grpc-*</c> and HTTP headers left out; <c>-bin</c> values decoded).</summary>
    public abstract Metadata RequestHeaders { get; }

    /// <summary>Trailers sent with the status when the call ends.</summary>
    public abstract Metadata ResponseTrailers { get; }

    /// <summary>The status sent when the handler returns normally. Default: OK. A thrown <see cref="RpcException"/> overrides it.</summary>
    public abstract Status Status { get; set; }

    /// <summary>
    /// The encoding response messages are compressed with, or <see langword="null"/> to send them uncompressed.
    /// Starts as <see cref="GrpcServerOptions.ResponseCompressionAlgorithm"/> when the caller accepts it. Before the
    /// response headers are sent any encoding the caller accepts may be chosen (others are ignored); afterwards
    /// only switching between the chosen one and <see langword="null"/> (per message) takes effect.
    /// </summary>
    public abstract string? ResponseCompression { get; set; }

    /// <summary>A bag for interceptors and handlers to pass state along the call, such as the caller's identity.</summary>
    public abstract IDictionary<object, object?> Items { get; }

    /// <summary>Sends the response headers now, with the given custom metadata. Allowed once, before the first message.</summary>
    /// <exception cref="InvalidOperationException">The headers were already sent.</exception>
    public abstract Task WriteResponseHeadersAsync(Metadata responseHeaders);
}
