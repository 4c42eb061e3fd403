using Grpc.Core;
using Microsoft.AspNetCore.Http;

namespace AccountGrains.Gateway;

/// <summary>
/// The call's context with the server's default deadline in place of "none": its token is the call's, linked
/// to a timer. Everything else is the call's own.
/// </summary>
/// <remarks>
/// grpc-dotnet finds the request behind a replaced context under the <c>__HttpContext</c> key of
/// <see cref="ServerCallContext.UserState"/> (its documented hook for custom contexts), so the key is set here.
/// </remarks>
internal sealed class BoundedServerCallContext : ServerCallContext
{
    private const string HttpContextKey = "__HttpContext";
    private readonly ServerCallContext _inner;
    private readonly CancellationToken _token;
    private readonly DateTime _deadline;

    public BoundedServerCallContext(ServerCallContext inner, HttpContext httpContext, CancellationToken token, DateTime deadline)
    {
        _inner = inner;
        _token = token;
        _deadline = deadline;
        inner.UserState[HttpContextKey] = httpContext;
    }

    protected override string MethodCore => _inner.Method;

    protected override string HostCore => _inner.Host;

    protected override string PeerCore => _inner.Peer;

    protected override DateTime DeadlineCore => _deadline;

    protected override Metadata RequestHeadersCore => _inner.RequestHeaders;

    protected override CancellationToken CancellationTokenCore => _token;

    protected override Metadata ResponseTrailersCore => _inner.ResponseTrailers;

    protected override Status StatusCore
    {
        get => _inner.Status;
        set => _inner.Status = value;
    }

    protected override WriteOptions? WriteOptionsCore
    {
        get => _inner.WriteOptions;
        set => _inner.WriteOptions = value;
    }

    protected override AuthContext AuthContextCore => _inner.AuthContext;

    protected override IDictionary<object, object> UserStateCore => _inner.UserState;

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) => _inner.CreatePropagationToken(options);

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => _inner.WriteResponseHeadersAsync(responseHeaders);
}
