namespace AccountGrains.Domain;

/// <summary>A lock on the account. The account is locked while any lock is active.</summary>
/// <param name="LockId">The lock's id, unique within the account (<c>lock-{seq}</c>, the seq of the event that placed it).</param>
/// <param name="Reason">Why it was placed.</param>
/// <param name="PlacedBy">The actor, as written to history.</param>
/// <param name="PlacedAt">When it was placed.</param>
/// <param name="ExpiresAt">When it ends by itself, or <see langword="null"/> for a lock that only an unlock ends.</param>
/// <param name="Note">A free-text note from whoever placed it.</param>
public sealed record AccountLock(
    string LockId,
    LockReason Reason,
    string PlacedBy,
    DateTimeOffset PlacedAt,
    DateTimeOffset? ExpiresAt,
    string? Note)
{
    /// <summary>Whether the lock is in force at <paramref name="now"/> (even if its expiry event has not been written yet).</summary>
    public bool IsActiveAt(DateTimeOffset now) => ExpiresAt is not { } e || e > now;
}
