using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace AccountGrains.Grpc.Internal;

/// <summary>
/// One call over one HTTP/2 stream. The cheap case (unary, no deadline) allocates only this object: no
/// token source, no lock, metadata parsed only if asked for. A deadline or a streaming call adds a token
/// source and a write lock, because then the call can be ended from outside the handler (timer, shutdown).
/// </summary>
internal sealed partial class HttpServerCallContext : ServerCallContext
{
    private readonly HttpContext _http;
    private readonly GrpcServerRuntime _runtime;
    private readonly string _method;
    private CancellationTokenSource? _cts;
    private ITimer? _deadlineTimer;
    private CancellationTokenRegistration _shutdownRegistration;
    private SemaphoreSlim? _writeLock;
    private DateTime _deadline = DateTime.MaxValue;
    private Metadata? _requestHeaders;
    private Metadata? _responseTrailers;
    private Dictionary<object, object?>? _items;
    private string? _peer;

    public HttpServerCallContext(HttpContext http, GrpcServerRuntime runtime, string method)
    {
        _http = http;
        _runtime = runtime;
        _method = method;
        _responseCompression = runtime.Options.ResponseCompressionAlgorithm;
    }

    public HttpContext HttpContext => _http;

    public GrpcServerRuntime Runtime => _runtime;

    /// <summary>The provider named by the request's <c>grpc-encoding</c>, or null for identity.</summary>
    public ICompressionProvider? RequestCompression { get; private set; }

    public override string Method => _method;

    public override string Peer => _peer ??= FormatPeer(_http.Connection.RemoteIpAddress, _http.Connection.RemotePort);

    public override DateTime Deadline => _deadline;

    public override CancellationToken CancellationToken => _cts?.Token ?? _http.RequestAborted;

    public override Metadata RequestHeaders => _requestHeaders ??= MetadataHeaders.FromRequest(_http.Request.Headers);

    public override Metadata ResponseTrailers => _responseTrailers ??= [];

    public override Status Status { get; set; } = Status.DefaultSuccess;

    public override IDictionary<object, object?> Items => _items ??= [];

    /// <summary>True once the deadline or shutdown ended the call from outside the handler.</summary>
    public bool WasAborted => Volatile.Read(ref _abortStatus) is not null;

    /// <summary>
    /// Reads the call's headers (encoding, timeout) and arms the deadline and shutdown signals. False when the call
    /// was answered here already (Trailers-Only) and the handler must not run.
    /// </summary>
    public bool TryStart(bool endsOnShutdown)
    {
        var headers = _http.Request.Headers;
        var encoding = headers.GrpcEncoding;
        if (encoding.Count > 0)
        {
            var name = encoding.ToString();
            if (name != GrpcProtocol.IdentityEncoding)
            {
                if (!_runtime.Compression.TryGetValue(name, out var provider))
                {
                    GrpcServerLog.UnsupportedEncoding(_runtime.Logger, name);
                    _http.Response.Headers.GrpcAcceptEncoding = _runtime.AcceptEncoding;
                    return EndEarly(new Status(StatusCode.Unimplemented, $"Unsupported grpc-encoding value '{name}'. Supported encodings: {_runtime.AcceptEncoding}"));
                }

                RequestCompression = provider;
            }
        }

        if (_runtime.ShutdownToken.IsCancellationRequested)
        {
            return EndEarly(new Status(StatusCode.Unavailable, "The server is shutting down."));
        }

        // An unparsable grpc-timeout is ignored, as other servers do: the call simply has no deadline.
        var timeoutHeader = headers.GrpcTimeout;
        TimeSpan timeout = default;
        var hasDeadline = timeoutHeader.Count > 0 && GrpcTimeout.TryParse(timeoutHeader.ToString(), out timeout);
        if (hasDeadline && timeout <= TimeSpan.Zero)
        {
            return EndEarly(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"));
        }

        if (hasDeadline || endsOnShutdown)
        {
            _cts = CancellationTokenSource.CreateLinkedTokenSource(_http.RequestAborted);
            _writeLock = new SemaphoreSlim(1, 1);
        }

        if (hasDeadline)
        {
            var now = _runtime.TimeProvider.GetUtcNow().UtcDateTime;
            _deadline = timeout >= DateTime.MaxValue - now ? DateTime.MaxValue : now + timeout;

            // Timers cannot wait longer than about 49 days; such a deadline never fires in practice.
            if (timeout.TotalMilliseconds < int.MaxValue)
            {
                _deadlineTimer = _runtime.TimeProvider.CreateTimer(static s => ((HttpServerCallContext)s!).OnDeadline(), this, timeout, Timeout.InfiniteTimeSpan);
            }
        }

        if (endsOnShutdown && _runtime.ShutdownToken.CanBeCanceled)
        {
            _shutdownRegistration = _runtime.ShutdownToken.UnsafeRegister(static s => ((HttpServerCallContext)s!).OnShutdown(), this);
        }

        return true;
    }

    /// <summary>Releases the deadline timer, the shutdown registration and the token source.</summary>
    public void Release()
    {
        _deadlineTimer?.Dispose();
        _shutdownRegistration.Dispose();
        _cts?.Dispose();
    }

    private void OnDeadline()
    {
        GrpcServerLog.DeadlineExceeded(_runtime.Logger, _method);
        _ = AbortAsync(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded"));
    }

    private void OnShutdown()
    {
        GrpcServerLog.ShuttingDown(_runtime.Logger, _method);
        _ = AbortAsync(new Status(StatusCode.Unavailable, "The server is shutting down."));
    }

    private static string FormatPeer(IPAddress? address, int port) => address switch
    {
        null => "unknown",
        { AddressFamily: AddressFamily.InterNetworkV6 } => string.Create(CultureInfo.InvariantCulture, $"ipv6:[{address}]:{port}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"ipv4:{address}:{port}"),
    };
}
