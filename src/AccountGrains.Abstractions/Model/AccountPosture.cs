namespace AccountGrains.Abstractions;

/// <summary>The answer of <see cref="IAccountGrain.Verify"/>.</summary>
/// <param name="Decision">ALLOW, CHALLENGE or DENY.</param>
/// <param name="Reasons">Every reason that held, whatever the decision.</param>
/// <param name="Version">The account version the answer was computed from.</param>
/// <param name="SessionsValidAfter">Sessions issued before this instant must be rejected; null when never revoked.</param>
[GenerateSerializer, Immutable]
public readonly record struct VerifyResult(
    [property: Id(0)] VerifyDecision Decision,
    [property: Id(1)] VerifyReasons Reasons,
    [property: Id(2)] long Version,
    [property: Id(3)] DateTimeOffset? SessionsValidAfter);

/// <summary>A lock in force.</summary>
/// <param name="LockId">Its id.</param>
/// <param name="Reason">Why it was placed.</param>
/// <param name="PlacedBy">Who placed it.</param>
/// <param name="PlacedAt">When.</param>
/// <param name="ExpiresAt">When it ends by itself, if it does.</param>
/// <param name="Note">The note given with it.</param>
[GenerateSerializer, Immutable]
public sealed record AccountLock(
    [property: Id(0)] string LockId,
    [property: Id(1)] LockReason Reason,
    [property: Id(2)] string PlacedBy,
    [property: Id(3)] DateTimeOffset PlacedAt,
    [property: Id(4)] DateTimeOffset? ExpiresAt,
    [property: Id(5)] string? Note);

/// <summary>The verification badge.</summary>
/// <param name="Status">Unverified, verified or revoked.</param>
/// <param name="Category">When verified: its category.</param>
/// <param name="Since">When verified: since when.</param>
/// <param name="By">When verified: who granted it.</param>
/// <param name="RevokedReason">When revoked: why.</param>
[GenerateSerializer, Immutable]
public sealed record Badge(
    [property: Id(0)] BadgeStatus Status,
    [property: Id(1)] string? Category,
    [property: Id(2)] DateTimeOffset? Since,
    [property: Id(3)] string? By,
    [property: Id(4)] string? RevokedReason);

/// <summary>Recovery as readers see it: never the code, its hash or its salt.</summary>
/// <param name="OpenAttemptId">The open, unexpired attempt, if any.</param>
/// <param name="Channel">Its channel.</param>
/// <param name="ExpiresAt">When its code stops working.</param>
/// <param name="TriesLeft">Wrong codes still allowed for the open attempt (0 when none is open).</param>
/// <param name="AttemptsInWindow">Attempts started in the last 24 h.</param>
/// <param name="CooldownUntil">When the limit is reached: when the next attempt may start.</param>
[GenerateSerializer, Immutable]
public sealed record RecoveryPosture(
    [property: Id(0)] string? OpenAttemptId,
    [property: Id(1)] RecoveryChannel? Channel,
    [property: Id(2)] DateTimeOffset? ExpiresAt,
    [property: Id(3)] int TriesLeft,
    [property: Id(4)] int AttemptsInWindow,
    [property: Id(5)] DateTimeOffset? CooldownUntil);

/// <summary>The account's security posture at one instant (expired locks and decayed risk already left out).</summary>
/// <param name="AccountId">The account.</param>
/// <param name="Version">The seq of its last event (0 for a never-seen account).</param>
/// <param name="Locked">Whether any lock is in force.</param>
/// <param name="Locks">The locks in force.</param>
/// <param name="Risk">The risk, after decay.</param>
/// <param name="CredentialCompromised">The credential_compromised flag.</param>
/// <param name="CredentialResetRequired">A recovery asked for a new credential not set yet.</param>
/// <param name="Devices">Known devices, most recently seen first.</param>
/// <param name="Badge">The verification badge.</param>
/// <param name="HighProfile">The high-profile flag.</param>
/// <param name="SessionsValidAfter">Sessions issued before this are invalid.</param>
/// <param name="Recovery">Recovery, without code or hash.</param>
[GenerateSerializer, Immutable]
public sealed record AccountPosture(
    [property: Id(0)] string AccountId,
    [property: Id(1)] long Version,
    [property: Id(2)] bool Locked,
    [property: Id(3)] IReadOnlyList<AccountLock> Locks,
    [property: Id(4)] RiskLevel Risk,
    [property: Id(5)] bool CredentialCompromised,
    [property: Id(6)] bool CredentialResetRequired,
    [property: Id(7)] IReadOnlyList<string> Devices,
    [property: Id(8)] Badge Badge,
    [property: Id(9)] bool HighProfile,
    [property: Id(10)] DateTimeOffset? SessionsValidAfter,
    [property: Id(11)] RecoveryPosture Recovery)
{
    /// <summary>Dual-control requests waiting for a second person, oldest first.</summary>
    [Id(12)]
    public IReadOnlyList<DualControlRequest> PendingRequests { get; init; } = [];

    /// <summary>Appeals waiting for a decision, oldest first.</summary>
    [Id(13)]
    public IReadOnlyList<Appeal> OpenAppeals { get; init; } = [];

    /// <summary>The newest automatic locks (in force or ended) and their feedback labels, oldest first.</summary>
    [Id(14)]
    public IReadOnlyList<AutomaticLockInfo> AutomaticLocks { get; init; } = [];
}
