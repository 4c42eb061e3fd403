using AccountGrains.Domain;
using AccountGrains.Grains;
using AccountGrains.Grpc;
using AccountGrains.Runtime;
using AccountGrains.Storage;

namespace AccountGrains.Gateway;

/// <summary>
/// Every failure mapped to its status on purpose: the caller's mistakes, the account's state, and the
/// service's own trouble each get the code that tells the caller what to do next. INTERNAL is left for bugs.
/// </summary>
internal static class GatewayErrors
{
    public static RpcException InvalidArgument(string message) => new(new Status(StatusCode.InvalidArgument, message));

    public static RpcException FromDomain(DomainError error) => new(new Status(
        error.Code switch
        {
            DomainErrorCode.InvalidArgument => StatusCode.InvalidArgument,
            DomainErrorCode.NotFound => StatusCode.NotFound,
            DomainErrorCode.FailedPrecondition => StatusCode.FailedPrecondition,
            DomainErrorCode.ResourceExhausted => StatusCode.ResourceExhausted,
            DomainErrorCode.PermissionDenied => StatusCode.PermissionDenied,
            _ => StatusCode.Internal,
        },
        error.Message));

    /// <summary>Maps what the grain layer throws; null for an exception that is a bug (the server answers UNKNOWN, without its text).</summary>
    public static RpcException? FromException(Exception exception, CancellationToken callToken) => exception switch
    {
        StoreUnavailableException => new(new Status(StatusCode.Unavailable, "The account store is unavailable; retrying is safe (with an idempotency key for writes).")),
        SiloUnavailableException => new(new Status(StatusCode.Unavailable, "This silo is shutting down; retry on another.")),
        GrainNotOwnedException => new(new Status(StatusCode.Unavailable, "This silo does not own the account now; retry.")),
        AccountConflictException => new(new Status(StatusCode.Aborted, "The account changed concurrently and the write was not applied; retry.")),
        OperationCanceledException when callToken.IsCancellationRequested => new(new Status(StatusCode.Cancelled, "The call was cancelled.")),
        _ => null,
    };
}
