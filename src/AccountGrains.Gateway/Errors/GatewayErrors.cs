using AccountGrains.Abstractions;
using Grpc.Core;
using Orleans.Runtime.Messaging;

namespace AccountGrains.Gateway;

/// <summary>
/// Every failure mapped to its status on purpose: the caller's mistakes, the account's state, and the service's
/// own trouble each get the code that tells the caller what to do next. What is not listed is a bug: it is left
/// to grpc-dotnet, which answers UNKNOWN without the exception's text (unless detailed errors are enabled).
/// </summary>
internal static class GatewayErrors
{
    public static RpcException InvalidArgument(string message) => new(new Status(StatusCode.InvalidArgument, message));

    /// <summary>The status for what a grain call threw, or null for an exception this gateway does not expect.</summary>
    /// <param name="exception">What was thrown.</param>
    /// <param name="deadlinePassed">Whether the call's deadline (the client's or the server's default) has passed.</param>
    /// <param name="cancelled">Whether the call's token was cancelled (deadline or the client going away).</param>
    public static RpcException? Map(Exception exception, bool deadlinePassed, bool cancelled) => exception switch
    {
        AccountRefusedException refused => new(new Status(ToStatusCode(refused.Code), refused.Message)),
        AccountUnavailableException unavailable => Unavailable($"The account cannot be served now: {unavailable.Message} Retrying is safe for reads and for writes with an idempotency key."),
        AccountConflictException => new(new Status(StatusCode.Aborted, "The account changed concurrently and the write was not applied; retry.")),
        SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException or GatewayTooBusyException or OrleansLifecycleCanceledException =>
            Unavailable("The silo that hosts the account cannot be reached now; retry."),
        TimeoutException when deadlinePassed => DeadlineExceeded(),
        TimeoutException => Unavailable("The account's silo did not answer in time; retry."),
        OperationCanceledException when deadlinePassed => DeadlineExceeded(),
        OperationCanceledException when cancelled => new(new Status(StatusCode.Cancelled, "The call was cancelled.")),
        OperationCanceledException => Unavailable("The call was cancelled by the silo (it may be stopping); retry."),
        _ => null,
    };

    public static StatusCode ToStatusCode(RefusalCode code) => code switch
    {
        RefusalCode.InvalidArgument => StatusCode.InvalidArgument,
        RefusalCode.NotFound => StatusCode.NotFound,
        RefusalCode.FailedPrecondition => StatusCode.FailedPrecondition,
        RefusalCode.ResourceExhausted => StatusCode.ResourceExhausted,
        RefusalCode.PermissionDenied => StatusCode.PermissionDenied,
        _ => StatusCode.Unknown,
    };

    private static RpcException Unavailable(string message) => new(new Status(StatusCode.Unavailable, message));

    private static RpcException DeadlineExceeded() => new(new Status(StatusCode.DeadlineExceeded, "The call's deadline passed before the account answered."));
}
