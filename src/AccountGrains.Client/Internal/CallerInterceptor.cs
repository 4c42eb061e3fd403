using Grpc.Core;
using Grpc.Core.Interceptors;

namespace AccountGrains.Client.Internal;

/// <summary>
/// Puts one client's caller headers on each of its calls and gives a call without a deadline the channel's default
/// timeout. A client-side interceptor rather than CallCredentials: grpc-dotnet sends CallCredentials over cleartext
/// HTTP/2 only with UnsafeUseInsecureChannelCallCredentials, and the silo's default address is cleartext loopback.
/// </summary>
internal sealed class CallerInterceptor(Metadata? headers, TimeSpan? defaultTimeout) : Interceptor
{
    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(
        TRequest request, ClientInterceptorContext<TRequest, TResponse> context, AsyncUnaryCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, Apply(context.Options)));

    private CallOptions Apply(CallOptions options)
    {
        if (options.Deadline is null && defaultTimeout is { } timeout)
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
