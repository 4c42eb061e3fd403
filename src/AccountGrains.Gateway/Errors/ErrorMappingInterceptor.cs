using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AccountGrains.Gateway;

/// <summary>
/// The gateway's one interceptor, on its own services only: maps what a grain call throws to a deliberate status
/// (<see cref="GatewayErrors"/>), and bounds a call that came without a deadline by
/// <see cref="GatewayGrpcOptions.DefaultDeadline"/>. A call with a deadline (every well-configured client's) pays
/// one try block and nothing else.
/// </summary>
internal sealed class ErrorMappingInterceptor(IOptions<GatewayGrpcOptions> options, ILogger<ErrorMappingInterceptor> logger) : Interceptor
{
    private readonly TimeSpan _defaultDeadline = options.Value.DefaultDeadline;

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation) =>
        context.Deadline == DateTime.MaxValue
            ? WithDefaultDeadlineAsync(request, context, continuation)
            : MapFailuresAsync(request, context, continuation);

    private async Task<TResponse> MapFailuresAsync<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        where TRequest : class
        where TResponse : class
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (ex is not RpcException && Mapped(ex, context, context.Deadline <= DateTime.UtcNow) is { } mapped)
        {
            throw mapped;
        }
    }

    private async Task<TResponse> WithDefaultDeadlineAsync<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        where TRequest : class
        where TResponse : class
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        bound.CancelAfter(_defaultDeadline);
        var bounded = new BoundedServerCallContext(context, context.GetHttpContext(), bound.Token, DateTime.UtcNow + _defaultDeadline);
        try
        {
            return await continuation(request, bounded);
        }
        catch (Exception ex) when (ex is not RpcException && Mapped(ex, bounded, bound.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested) is { } mapped)
        {
            throw mapped;
        }
    }

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
