using AccountGrains.Contracts.V1;
using Grpc.Core;

namespace AccountGrains.ClusterProcess.Tests.Load;

internal enum OperationKind
{
    Verify,
    Lock,
    Unlock,
    Signal,
}

/// <summary>One failed attempt of an operation: which silo, when, and the status.</summary>
internal sealed record Attempt(string Silo, TimeSpan Start, TimeSpan End, StatusCode Status, string Detail);

/// <summary>
/// One client operation as the client saw it, on <see cref="Harness.ClusterClock"/>: <see cref="Start"/> is when the
/// first attempt was sent, <see cref="End"/> when the final answer came back. A write is retried with the same
/// idempotency key after UNAVAILABLE or DEADLINE_EXCEEDED; <see cref="Failures"/> are the attempts that failed.
/// </summary>
internal sealed record Operation(
    long Id,
    string Account,
    OperationKind Kind,
    string Silo,
    TimeSpan Start,
    TimeSpan End,
    bool Ok,
    StatusCode Status,
    long Version,
    string? LockId,
    string? Device,
    string? Key,
    Decision Decision,
    IReadOnlyList<Attempt> Failures)
{
    /// <summary>The deadline each attempt carried (relative to when it was sent).</summary>
    public TimeSpan AttemptDeadline { get; init; }

    /// <summary>When the attempt that gave the final answer was sent.</summary>
    public TimeSpan LastAttemptStart { get; init; }


    public override string ToString() =>
        $"#{Id} {Account} {Kind} via {Silo} [{Start.TotalSeconds:F3}s..{End.TotalSeconds:F3}s] "
        + (Ok ? $"OK v{Version}" : $"FAILED {Status}")
        + (LockId is null ? "" : $" lock={LockId}") + (Device is null ? "" : $" device={Device}")
        + (Kind == OperationKind.Verify && Ok ? $" {Decision}" : "")
        + (Failures.Count == 0 ? "" : $" after {Failures.Count} failed attempts ({string.Join(", ", Failures.Select(f => $"{f.Status}@{f.Silo}"))})");
}
