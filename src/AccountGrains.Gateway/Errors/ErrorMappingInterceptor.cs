using Grpc.Core;
using Grpc.Core.Interceptors;

namespace AccountGrains.Gateway;

/// <summary>
/// <c>ClusterAdmin</c>'s interceptor: maps what a grain call throws to a deliberate status (<see cref="CallErrors"/>).
/// <c>AccountIntegrity</c> maps in each method instead (its Verify is the hot path; see <see cref="CallErrors"/>).
/// </summary>
/// <remarks>No per-call timer: a linked token source per call cost Verify a fifth of its throughput (bench/verify-h2load).</remarks>
internal sealed class ErrorMappingInterceptor(CallErrors errors) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (errors.TryMap(ex, context, out var mapped))
        {
            throw mapped;
        }
    }
}
