namespace AccountGrains.Abstractions;

/// <summary>A lock was placed (or, when <paramref name="Replayed"/>, had been placed under the same idempotency key).</summary>
/// <param name="Version">The account's version after.</param>
/// <param name="LockId">The lock's id.</param>
/// <param name="ExpiresAt">When it ends by itself, if it does.</param>
/// <param name="Replayed">The remembered result of an earlier call with the same key; nothing was written now.</param>
/// <param name="Account">The account as this call left it.</param>
[GenerateSerializer, Immutable]
public sealed record LockResult(
    [property: Id(0)] long Version,
    [property: Id(1)] string LockId,
    [property: Id(2)] DateTimeOffset? ExpiresAt,
    [property: Id(3)] bool Replayed,
    [property: Id(4)] AccountPosture Account);

/// <summary>Locks were lifted (possibly none, for a by-reason or all unlock).</summary>
/// <param name="Version">The version after.</param>
/// <param name="LiftedLockIds">The lifted locks.</param>
/// <param name="Replayed">A remembered result; nothing was written now.</param>
/// <param name="Account">The account as this call left it.</param>
[GenerateSerializer, Immutable]
public sealed record UnlockResult(
    [property: Id(0)] long Version,
    [property: Id(1)] IReadOnlyList<string> LiftedLockIds,
    [property: Id(2)] bool Replayed,
    [property: Id(3)] AccountPosture Account)
{
    /// <summary>Set when the unlock is under dual control: nothing was lifted, this request waits for a second person.</summary>
    [Id(4)]
    public DualControlRequest? Pending { get; init; }
}

/// <summary>A signal was recorded.</summary>
/// <param name="Version">The version after.</param>
/// <param name="Risk">The risk after the signal.</param>
/// <param name="BruteForceLockId">The automatic lock this signal tripped, if it did.</param>
/// <param name="Replayed">A remembered result; nothing was written now.</param>
/// <param name="Account">The account as this call left it.</param>
[GenerateSerializer, Immutable]
public sealed record SignalResult(
    [property: Id(0)] long Version,
    [property: Id(1)] RiskLevel Risk,
    [property: Id(2)] string? BruteForceLockId,
    [property: Id(3)] bool Replayed,
    [property: Id(4)] AccountPosture Account);

/// <summary>A recovery attempt was opened.</summary>
/// <param name="Version">The version after.</param>
/// <param name="AttemptId">The attempt's id.</param>
/// <param name="Code">The one-time code to deliver; null on a replay (it is never stored).</param>
/// <param name="ExpiresAt">When the code stops working.</param>
/// <param name="Replayed">A remembered result; nothing was written now.</param>
[GenerateSerializer, Immutable]
public sealed record RecoveryStartResult(
    [property: Id(0)] long Version,
    [property: Id(1)] string AttemptId,
    [property: Id(2)] string? Code,
    [property: Id(3)] DateTimeOffset ExpiresAt,
    [property: Id(4)] bool Replayed)
{
    /// <summary>Never prints the code.</summary>
    public override string ToString() => $"RecoveryStartResult {{ Version = {Version}, AttemptId = {AttemptId}, ExpiresAt = {ExpiresAt:O} }}";
}

/// <summary>A code was presented.</summary>
/// <param name="Version">The version after.</param>
/// <param name="Status">Right, wrong, or wrong and burned.</param>
/// <param name="TriesLeft">Wrong codes still allowed for this attempt.</param>
/// <param name="LiftedLockIds">On success, the locks recovery lifted.</param>
/// <param name="Account">The account as this call left it.</param>
[GenerateSerializer, Immutable]
public sealed record RecoveryCompleteResult(
    [property: Id(0)] long Version,
    [property: Id(1)] RecoveryCompletionStatus Status,
    [property: Id(2)] int TriesLeft,
    [property: Id(3)] IReadOnlyList<string> LiftedLockIds,
    [property: Id(4)] AccountPosture Account);

/// <summary>The badge after a grant or a revoke.</summary>
/// <param name="Version">The version after.</param>
/// <param name="Badge">The badge.</param>
/// <param name="Replayed">A remembered result; nothing was written now.</param>
/// <param name="Account">The account as this call left it.</param>
[GenerateSerializer, Immutable]
public sealed record BadgeResult(
    [property: Id(0)] long Version,
    [property: Id(1)] Badge Badge,
    [property: Id(2)] bool Replayed,
    [property: Id(3)] AccountPosture Account)
{
    /// <summary>Set when the revocation is under dual control: the badge stands, this request waits for a second person.</summary>
    [Id(4)]
    public DualControlRequest? Pending { get; init; }
}

/// <summary>The high-profile flag after the call.</summary>
/// <param name="Version">The version after.</param>
/// <param name="HighProfile">The flag.</param>
/// <param name="Replayed">A remembered result; nothing was written now.</param>
/// <param name="Account">The account as this call left it.</param>
[GenerateSerializer, Immutable]
public sealed record HighProfileResult(
    [property: Id(0)] long Version,
    [property: Id(1)] bool HighProfile,
    [property: Id(2)] bool Replayed,
    [property: Id(3)] AccountPosture Account);
