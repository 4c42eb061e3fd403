using System.Diagnostics.CodeAnalysis;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace AccountGrains.Gateway;

/// <summary>
/// Turns what a grain call threw into its deliberate status (<see cref="GatewayErrors"/>) and logs it, for an
/// exception filter: <c>catch (Exception e) when (errors.TryMap(e, context, out var mapped)) { throw mapped; }</c>.
/// </summary>
/// <remarks>
/// <c>AccountIntegrity</c>'s methods map in the method rather than through an interceptor: grpc-dotnet runs every call
/// of a service that has one through its interceptor pipeline (three async state machines per call), which cost
/// Verify, the hot path, about a twelfth of its allocations (bench/verify-h2load/PROFILE.md). <c>ClusterAdmin</c>
/// keeps <see cref="ErrorMappingInterceptor"/> over the same mapping. A call that came without a deadline is bounded
/// by Orleans' grain-call response timeout, which the silo sets to <see cref="GatewayGrpcOptions.DefaultDeadline"/>:
/// such a call that times out has passed the server's default deadline and is DEADLINE_EXCEEDED.
/// </remarks>
internal sealed class CallErrors(ILogger<CallErrors> logger)
{
    /// <summary>The status for <paramref name="exception"/>, or false for one this gateway does not expect (grpc-dotnet then answers UNKNOWN).</summary>
    public bool TryMap(Exception exception, ServerCallContext context, [NotNullWhen(true)] out RpcException? mapped)
    {
        mapped = exception is RpcException
            ? null
            : GatewayErrors.Map(exception, DeadlinePassed(exception, context), context.CancellationToken.IsCancellationRequested);
        if (mapped is not null)
        {
            GatewayLog.CallFailed(logger, context.Method, mapped.StatusCode, exception.GetType().Name);
        }

        return mapped is not null;
    }

    private static bool DeadlinePassed(Exception exception, ServerCallContext context) =>
        context.Deadline == DateTime.MaxValue ? exception is TimeoutException : context.Deadline <= DateTime.UtcNow;
}
