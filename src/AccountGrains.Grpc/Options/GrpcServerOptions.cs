using System.IO.Compression;

namespace AccountGrains.Grpc;

/// <summary>
/// Settings of the gRPC server. Bound with <c>AddGrpcServer(o => …)</c> and validated when the host starts
/// (see <see cref="GrpcServerOptionsValidator"/>).
/// </summary>
public sealed class GrpcServerOptions
{
    /// <summary>
    /// The largest request message accepted, in bytes, after decompression. A larger message ends the call
    /// with <see cref="StatusCode.ResourceExhausted"/>. Default: 4 MiB (<see cref="GrpcProtocol.DefaultMaxReceiveMessageSize"/>).
    /// </summary>
    public int MaxReceiveMessageSize { get; set; } = GrpcProtocol.DefaultMaxReceiveMessageSize;

    /// <summary>
    /// The largest response message sent, in bytes, before compression; <see langword="null"/> for no limit.
    /// A larger message ends the call with <see cref="StatusCode.ResourceExhausted"/>. Default: <see langword="null"/>.
    /// </summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>
    /// When true, the message of an exception a handler did not expect is sent to the caller in <c>grpc-message</c>;
    /// when false the caller sees only a generic text. Keep it off in production. Default: <see langword="false"/>.
    /// </summary>
    public bool EnableDetailedErrors { get; set; }

    /// <summary>
    /// The encoding (such as <c>gzip</c>) used to compress response messages when the caller accepts it
    /// (<c>grpc-accept-encoding</c>); <see langword="null"/> sends them uncompressed unless a handler asks
    /// (<see cref="ServerCallContext.ResponseCompression"/>). Must name one of <see cref="CompressionProviders"/>. Default: <see langword="null"/>.
    /// </summary>
    public string? ResponseCompressionAlgorithm { get; set; }

    /// <summary>The compression level of compressed responses. Default: <see cref="CompressionLevel.Fastest"/>.</summary>
    public CompressionLevel ResponseCompressionLevel { get; set; } = CompressionLevel.Fastest;

    /// <summary>
    /// The encodings the server can decompress and compress, by <see cref="ICompressionProvider.EncodingName"/>.
    /// A request in another encoding is answered <see cref="StatusCode.Unimplemented"/> with the list in
    /// <c>grpc-accept-encoding</c>. Default: gzip and deflate (<see cref="MessageCompression.DefaultProviders"/>).
    /// </summary>
    public IList<ICompressionProvider> CompressionProviders { get; } = [.. MessageCompression.DefaultProviders];

    /// <summary>
    /// Server-wide interceptors, in order: the first added is the outermost (it runs first and sees the result last).
    /// They wrap every method's handler, including the standard services. Default: none.
    /// </summary>
    public IList<Interceptor> Interceptors { get; } = [];
}
