using Grpc.Core;
using Grpc.Core.Interceptors;

namespace AccountGrains.Client.Internal;

/// <summary>
/// Puts one client's caller headers on each of its calls and gives a call without a deadline the channel's default
/// timeout. A client-side interceptor rather than CallCredentials: grpc-dotnet sends CallCredentials over cleartext
/// HTTP/2 only with UnsafeUseInsecureChannelCallCredentials, and the silo's default address is cleartext loopback.
/// </summary>
/// <remarks>
/// It also reports a connection the server closed gracefully (HTTP/2 GOAWAY with NO_ERROR, as a stopping silo's
/// Kestrel does) as UNAVAILABLE: grpc-dotnet calls that INTERNAL, but gRPC's own status table and its other
/// implementations make a dropped connection UNAVAILABLE, the code callers retry (safely for reads and keyed writes).
/// </remarks>
internal sealed class CallerInterceptor(Metadata? headers, TimeSpan? defaultTimeout) : Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        var call = continuation(request, new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, Apply(context.Options)));
        return new AsyncUnaryCall<TResponse>(ClassifyAsync(call.ResponseAsync), call.ResponseHeadersAsync, call.GetStatus, call.GetTrailers, call.Dispose);
    }

    /// <summary>Streams get the caller's headers but no default deadline: a watch lasts as long as its caller wants.</summary>
    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, Apply(context.Options, withDefaultDeadline: false)));

    private static async Task<TResponse> ClassifyAsync<TResponse>(Task<TResponse> response)
    {
        try
        {
            return await response.ConfigureAwait(false);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Internal && ClosedGracefully(e.Status.DebugException))
        {
            throw new RpcException(
                new Status(StatusCode.Unavailable, "The server closed the connection (HTTP/2 NO_ERROR) before answering; retry.", e.Status.DebugException),
                e.Trailers);
        }
    }

    /// <summary>Whether a failed call's connection was closed gracefully by the server (a stopping silo): UNAVAILABLE in gRPC's table.</summary>
    internal static bool ClosedGracefully(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is HttpProtocolException { ErrorCode: 0 })
            {
                return true;
            }
        }

        return false;
    }

    private CallOptions Apply(CallOptions options, bool withDefaultDeadline = true)
    {
        if (withDefaultDeadline && options.Deadline is null && defaultTimeout is { } timeout)
        {
            options = options.WithDeadline(DateTime.UtcNow + timeout);
        }

        if (headers is not null)
        {
            var merged = new Metadata();
            foreach (var entry in options.Headers ?? [])
            {
                merged.Add(entry);
            }

            foreach (var entry in headers)
            {
                merged.Add(entry);
            }

            options = options.WithHeaders(merged);
        }

        return options;
    }
}
