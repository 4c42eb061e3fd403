using AccountGrains.Grpc.Client.Internal;
using Google.Protobuf;

namespace AccountGrains.Grpc.Client;

/// <summary>
/// A connection to one gRPC server over HTTP/2 (cleartext with prior knowledge for <c>http://</c>, ALPN for
/// <c>https://</c>), on which typed calls run. Thread-safe; create one per server and reuse it. Disposing it cancels
/// the calls still running and closes its connections.
/// </summary>
public sealed class GrpcChannel : IDisposable
{
    private readonly CancellationTokenSource _shutdown = new();
    private int _disposed;

    private GrpcChannel(Uri address, GrpcChannelOptions options)
    {
        Address = address;
        Options = options;
        var handler = options.HttpHandler ?? CreateHandler(options);
        Invoker = new HttpMessageInvoker(handler, disposeHandler: options.HttpHandler is null || options.DisposeHttpHandler);
    }

    /// <summary>The server's address, such as <c>http://127.0.0.1:5000</c>.</summary>
    public Uri Address { get; }

    internal GrpcChannelOptions Options { get; }

    internal HttpMessageInvoker Invoker { get; }

    internal CancellationToken ShutdownToken => _shutdown.Token;

    /// <summary>Creates a channel to a server.</summary>
    /// <param name="address">An absolute <c>http</c> or <c>https</c> address, such as <c>http://127.0.0.1:5000</c>.</param>
    /// <param name="options">The channel's settings; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentException">The address is not absolute http(s), or an option is out of range.</exception>
    public static GrpcChannel ForAddress(string address, GrpcChannelOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        return ForAddress(new Uri(address, UriKind.Absolute), options);
    }

    /// <inheritdoc cref="ForAddress(string, GrpcChannelOptions?)" />
    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"'{address}' is not an absolute http or https address.", nameof(address));
        }

        options ??= new GrpcChannelOptions();
        options.Validate();
        return new GrpcChannel(address, options);
    }

    /// <summary>Starts a unary call; the result gives the response, headers, status and trailers.</summary>
    /// <exception cref="ArgumentException">The options hold reserved metadata or an unknown compression.</exception>
    /// <exception cref="ObjectDisposedException">The channel is disposed.</exception>
    public AsyncUnaryCall<TResponse> StartUnary<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : IMessage<TRequest>, new()
        where TResponse : IMessage<TResponse>, new()
    {
        var call = CreateCall(method, MethodType.Unary, request, options);
        return new AsyncUnaryCall<TResponse>(RunUnaryAsync(call), call);
    }

    /// <summary>Makes a unary call and returns its response; a failed call throws <see cref="RpcException"/>.</summary>
    /// <inheritdoc cref="StartUnary" path="/exception" />
    public Task<TResponse> UnaryAsync<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : IMessage<TRequest>, new()
        where TResponse : IMessage<TResponse>, new() =>
        StartUnary(method, request, options).ResponseAsync;

    /// <summary>Starts a server-streaming call; enumerate its <see cref="ServerStreamingCall{TResponse}.ResponseStream"/>.</summary>
    /// <inheritdoc cref="StartUnary" path="/exception" />
    public ServerStreamingCall<TResponse> StartServerStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options = default)
        where TRequest : IMessage<TRequest>, new()
        where TResponse : IMessage<TResponse>, new()
    {
        var call = CreateCall(method, MethodType.ServerStreaming, request, options);
        return new ServerStreamingCall<TResponse>(call.StartAsync(), call);
    }

    /// <summary>Cancels running calls and closes the channel's connections (and its handler, when the channel owns it).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _shutdown.Cancel();
        Invoker.Dispose();
        _shutdown.Dispose();
    }

    private static async Task<TResponse> RunUnaryAsync<TRequest, TResponse>(GrpcCall<TRequest, TResponse> call)
        where TRequest : IMessage<TRequest>, new()
        where TResponse : IMessage<TResponse>, new()
    {
        await call.StartAsync().ConfigureAwait(false);
        return await call.ReadUnaryAsync().ConfigureAwait(false);
    }

    private static SocketsHttpHandler CreateHandler(GrpcChannelOptions options) => new()
    {
        EnableMultipleHttp2Connections = true,
        ConnectTimeout = options.ConnectTimeout,
        KeepAlivePingDelay = options.KeepAlivePingDelay,
        KeepAlivePingTimeout = options.KeepAlivePingTimeout,
        KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
        PooledConnectionIdleTimeout = options.PooledConnectionIdleTimeout,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
        UseCookies = false,
        UseProxy = false,
    };

    private GrpcCall<TRequest, TResponse> CreateCall<TRequest, TResponse>(Method<TRequest, TResponse> method, MethodType expected, TRequest request, in CallOptions options)
        where TRequest : IMessage<TRequest>, new()
        where TResponse : IMessage<TResponse>, new()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        ArgumentNullException.ThrowIfNull(method);
        if (method.Type != expected)
        {
            throw new ArgumentException($"{method.FullName} is a {method.Type} method, not {expected}.", nameof(method));
        }

        var factory = RequestFactory.Create(this, method.FullName, request, options);
        return new GrpcCall<TRequest, TResponse>(this, method, factory, options);
    }
}
