using Microsoft.Extensions.Logging;

namespace AccountGrains.Fencing.Diagnostics;

/// <summary>The cluster's log messages, with stable event ids (7000-7099).</summary>
internal static partial class ClusterLog
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Information, Message = "Cluster lease acquired for silo {Silo} (lease {LeaseMs} ms, serving window {WindowMs} ms).")]
    public static partial void LeaseAcquired(ILogger logger, string silo, double leaseMs, double windowMs);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "Cluster lease renewal failed; the silo stays fenced until a renewal succeeds.")]
    public static partial void RenewalFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning, Message = "Silo is fenced: its lease was not renewed within the serving window; grain calls are refused.")]
    public static partial void Fenced(ILogger logger);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Silo serves again: its lease was renewed before it expired.")]
    public static partial void ServingAgain(ILogger logger);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Critical, Message = "Silo lost its cluster lease ({Reason}); it serves nothing more and exits with code {ExitCode} to rejoin as a new member.")]
    public static partial void LeaseLost(ILogger logger, string reason, int exitCode);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Information, Message = "Cluster lease released (left gracefully).")]
    public static partial void LeaseReleased(ILogger logger);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Warning, Message = "Cluster lease not released: {Reason}; others wait for it to expire.")]
    public static partial void LeaseNotReleased(ILogger logger, string reason);

    [LoggerMessage(EventId = 7010, Level = LogLevel.Information, Message = "Activations wait: silo {Silo} is no longer active but its lease is live for up to {RemainingMs} ms more.")]
    public static partial void ActivationGateWaiting(ILogger logger, string silo, double remainingMs);

    [LoggerMessage(EventId = 7011, Level = LogLevel.Information, Message = "Activation gate opened after {WaitedMs} ms.")]
    public static partial void ActivationGateOpened(ILogger logger, double waitedMs);

    [LoggerMessage(EventId = 7012, Level = LogLevel.Warning, Message = "Activation refused: the gate stayed closed for {TimeoutMs} ms.")]
    public static partial void ActivationGateTimedOut(ILogger logger, double timeoutMs);
}
