using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace AccountGrains.Gateway;

/// <summary>
/// The gateway's one interceptor, on its own services only: maps what a grain call throws to a deliberate status
/// (<see cref="GatewayErrors"/>). It costs one try block per call.
/// </summary>
/// <remarks>
/// A call that came without a deadline is bounded by Orleans' grain-call response timeout, which the silo sets to
/// <see cref="GatewayGrpcOptions.DefaultDeadline"/>: such a call that times out has passed the server's default
/// deadline and is DEADLINE_EXCEEDED. No per-call timer: a linked token source per call cost Verify a fifth of its
/// throughput (bench/verify-h2load).
/// </remarks>
internal sealed class ErrorMappingInterceptor(ILogger<ErrorMappingInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (ex is not RpcException && Mapped(ex, context, DeadlinePassed(ex, context)) is { } mapped)
        {
            throw mapped;
        }
    }

    private static bool DeadlinePassed(Exception exception, ServerCallContext context) =>
        context.Deadline == DateTime.MaxValue ? exception is TimeoutException : context.Deadline <= DateTime.UtcNow;

    private RpcException? Mapped(Exception exception, ServerCallContext context, bool deadlinePassed)
    {
        var mapped = GatewayErrors.Map(exception, deadlinePassed, context.CancellationToken.IsCancellationRequested);
        if (mapped is not null)
        {
            GatewayLog.CallFailed(logger, context.Method, mapped.StatusCode, exception.GetType().Name);
        }

        return mapped;
    }
}
