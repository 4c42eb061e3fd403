namespace AccountGrains.Domain;

/// <summary>The result of a successful command, returned to the caller once its events are committed.</summary>
/// <param name="Version">The account's version after the command (the seq of its last event).</param>
public abstract record CommandOutcome(long Version)
{
    /// <summary>Whether this is the remembered result of an earlier command with the same idempotency key (nothing was written now).</summary>
    public bool Replayed { get; init; }
}

/// <summary>A lock was placed.</summary>
/// <param name="Version">The version after.</param>
/// <param name="LockId">The new lock's id.</param>
/// <param name="ExpiresAt">When it ends by itself, if it does.</param>
public sealed record LockOutcome(long Version, string LockId, DateTimeOffset? ExpiresAt) : CommandOutcome(Version);

/// <summary>Locks were lifted (possibly none, for a by-reason or all unlock).</summary>
/// <param name="Version">The version after.</param>
/// <param name="LiftedLockIds">The lifted locks.</param>
public sealed record UnlockOutcome(long Version, IReadOnlyList<string> LiftedLockIds) : CommandOutcome(Version);

/// <summary>A signal was recorded.</summary>
/// <param name="Version">The version after.</param>
/// <param name="Risk">The risk after the signal.</param>
/// <param name="BruteForceLockId">The automatic lock this signal tripped, if it did.</param>
public sealed record SignalOutcome(long Version, RiskLevel Risk, string? BruteForceLockId) : CommandOutcome(Version);

/// <summary>A recovery attempt was opened.</summary>
/// <param name="Version">The version after.</param>
/// <param name="AttemptId">The attempt's id.</param>
/// <param name="Code">The one-time code, for the recovery flow to deliver. Given once: <see langword="null"/> on an idempotent repeat (it is never stored).</param>
/// <param name="ExpiresAt">When the code stops working.</param>
public sealed record RecoveryStartedOutcome(long Version, string AttemptId, string? Code, DateTimeOffset ExpiresAt) : CommandOutcome(Version)
{
    /// <summary>Never prints the code.</summary>
    public override string ToString() => $"RecoveryStartedOutcome {{ Version = {Version}, AttemptId = {AttemptId}, ExpiresAt = {ExpiresAt:O} }}";
}

/// <summary>How a presented recovery code was judged.</summary>
public enum RecoveryCompletionStatus
{
    /// <summary>Right code: recovery done.</summary>
    Completed = 1,

    /// <summary>Wrong code; tries remain.</summary>
    WrongCode = 2,

    /// <summary>Wrong code, and the last allowed: the attempt is burned.</summary>
    AttemptBurned = 3,
}

/// <summary>A code was presented. A wrong code is an outcome, not an error, because it is recorded (it counts towards burning the attempt).</summary>
/// <param name="Version">The version after.</param>
/// <param name="Status">Right, wrong, or wrong and burned.</param>
/// <param name="TriesLeft">Wrong codes still allowed for this attempt.</param>
/// <param name="LiftedLockIds">On success, the locks recovery lifted.</param>
public sealed record RecoveryCompletionOutcome(long Version, RecoveryCompletionStatus Status, int TriesLeft, IReadOnlyList<string> LiftedLockIds) : CommandOutcome(Version);

/// <summary>The badge after a grant or a revoke.</summary>
/// <param name="Version">The version after.</param>
/// <param name="Badge">The badge.</param>
public sealed record VerificationOutcome(long Version, VerificationBadge Badge) : CommandOutcome(Version);

/// <summary>The high-profile flag after the command.</summary>
/// <param name="Version">The version after.</param>
/// <param name="HighProfile">The flag.</param>
public sealed record HighProfileOutcome(long Version, bool HighProfile) : CommandOutcome(Version);

/// <summary>What the durable timer expired.</summary>
/// <param name="Version">The version after.</param>
/// <param name="ExpiredLockIds">Locks that reached their expiry.</param>
/// <param name="ExpiredAttemptId">The recovery attempt that expired, if any.</param>
public sealed record ExpiryOutcome(long Version, IReadOnlyList<string> ExpiredLockIds, string? ExpiredAttemptId) : CommandOutcome(Version);
