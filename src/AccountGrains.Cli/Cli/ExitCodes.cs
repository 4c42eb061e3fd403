using Grpc.Core;

namespace AccountGrains.Cli;

/// <summary>
/// What acctctl's exit code means, for scripts (README.md "Exit codes"). A code names who is to act: the caller (1),
/// the server's rules or the caller's rights (2), the network or the service (3), or some items of a bulk run (4).
/// </summary>
internal static class ExitCodes
{
    /// <summary>Done (for a bulk run: every item done now or already done before).</summary>
    public const int Ok = 0;

    /// <summary>Bad usage or input: an unknown option, a malformed account id, file or config, INVALID_ARGUMENT.</summary>
    public const int Usage = 1;

    /// <summary>The server refused: UNAUTHENTICATED, PERMISSION_DENIED, FAILED_PRECONDITION, NOT_FOUND, ALREADY_EXISTS, RESOURCE_EXHAUSTED.</summary>
    public const int Refused = 2;

    /// <summary>The service could not be reached or did not answer in time: UNAVAILABLE, DEADLINE_EXCEEDED.</summary>
    public const int Unavailable = 3;

    /// <summary>A bulk run finished but some items failed or some lines were malformed (see the failures file).</summary>
    public const int Partial = 4;

    /// <summary>The server failed in another way: INTERNAL, UNKNOWN, ABORTED, DATA_LOSS, UNIMPLEMENTED.</summary>
    public const int ServerError = 5;

    /// <summary>Interrupted (Ctrl-C or SIGTERM); a bulk run stops sending, waits for what is in flight and reports.</summary>
    public const int Interrupted = 130;

    /// <summary>The exit code for a call that failed with <paramref name="status"/>.</summary>
    public static int For(StatusCode status) => status switch
    {
        StatusCode.InvalidArgument or StatusCode.OutOfRange => Usage,
        StatusCode.Unauthenticated or StatusCode.PermissionDenied or StatusCode.FailedPrecondition or StatusCode.NotFound
            or StatusCode.AlreadyExists or StatusCode.ResourceExhausted => Refused,
        StatusCode.Unavailable or StatusCode.DeadlineExceeded => Unavailable,
        StatusCode.Cancelled => Interrupted,
        _ => ServerError,
    };

    /// <summary>The status as the proto spells it (PERMISSION_DENIED), which is what operators search logs for.</summary>
    public static string Name(StatusCode status) => status switch
    {
        StatusCode.OK => "OK",
        StatusCode.Cancelled => "CANCELLED",
        StatusCode.Unknown => "UNKNOWN",
        StatusCode.InvalidArgument => "INVALID_ARGUMENT",
        StatusCode.DeadlineExceeded => "DEADLINE_EXCEEDED",
        StatusCode.NotFound => "NOT_FOUND",
        StatusCode.AlreadyExists => "ALREADY_EXISTS",
        StatusCode.PermissionDenied => "PERMISSION_DENIED",
        StatusCode.Unauthenticated => "UNAUTHENTICATED",
        StatusCode.ResourceExhausted => "RESOURCE_EXHAUSTED",
        StatusCode.FailedPrecondition => "FAILED_PRECONDITION",
        StatusCode.Aborted => "ABORTED",
        StatusCode.OutOfRange => "OUT_OF_RANGE",
        StatusCode.Unimplemented => "UNIMPLEMENTED",
        StatusCode.Internal => "INTERNAL",
        StatusCode.Unavailable => "UNAVAILABLE",
        StatusCode.DataLoss => "DATA_LOSS",
        _ => status.ToString(),
    };

    /// <summary>One line for a failed call: the status name and the server's detail, never a stack trace.</summary>
    public static string Describe(RpcException e)
    {
        var detail = string.IsNullOrWhiteSpace(e.Status.Detail) ? e.Status.DebugException?.Message ?? "" : e.Status.Detail;
        detail = detail.ReplaceLineEndings(" ").Trim();
        return detail.Length == 0 ? Name(e.StatusCode) : $"{Name(e.StatusCode)}: {detail}";
    }
}
