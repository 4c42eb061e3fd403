using AccountGrains.Grpc;

namespace AccountGrains.Gateway;

/// <summary>
/// Maps what the grain layer throws (store down, silo stopping, conflicts) to deliberate statuses, in one
/// place outside the handlers. What it does not know is a bug: the server answers UNKNOWN without its text.
/// </summary>
internal sealed class ErrorMappingInterceptor : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (ex is not RpcException && GatewayErrors.FromException(ex, context.CancellationToken) is { } mapped)
        {
            throw new RpcException(mapped.Status, mapped.Trailers, ex);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception ex) when (ex is not RpcException && GatewayErrors.FromException(ex, context.CancellationToken) is { } mapped)
        {
            throw new RpcException(mapped.Status, mapped.Trailers, ex);
        }
    }
}
