namespace AccountGrains.Domain;

/// <summary>A lock was placed (<c>LockPlaced</c>). Shared Signals: RISC <c>account-disabled</c> when the account was not locked before.</summary>
/// <param name="LockId">The new lock's id.</param>
/// <param name="LockReason">Why.</param>
/// <param name="ExpiresAt">When it ends by itself, if it does.</param>
/// <param name="Note">The placer's note.</param>
/// <param name="Trip">For an automatic BRUTE_FORCE lock: which consecutive trip this is (1, 2, …), deciding its doubled length.</param>
/// <param name="FirstLock">
/// Whether no other lock was in force when it was placed (the account went from active to locked);
/// <see langword="null"/> on events written before this was recorded.
/// </param>
public sealed record LockPlaced(string LockId, LockReason LockReason, DateTimeOffset? ExpiresAt, string? Note, int? Trip = null, bool? FirstLock = null) : AccountEvent;

/// <summary>A lock was lifted before its time (<c>LockLifted</c>). Shared Signals: RISC <c>account-enabled</c> when no lock remains.</summary>
/// <param name="LockId">The lifted lock.</param>
/// <param name="LockReason">Its reason (kept so history reads without the placing event).</param>
/// <param name="Cause">An unlock or a recovery.</param>
/// <param name="LastLock">
/// Whether no lock remains in force after it (the account is active again); <see langword="null"/> on events
/// written before this was recorded.
/// </param>
public sealed record LockLifted(string LockId, LockReason LockReason, LiftCause Cause, bool? LastLock = null) : AccountEvent;

/// <summary>A lock reached its expiry (<c>LockExpired</c>), written by the durable timer. Shared Signals: RISC <c>account-enabled</c> when no lock remains.</summary>
/// <param name="LockId">The expired lock.</param>
/// <param name="LockReason">Its reason.</param>
/// <param name="LastLock">Whether no lock remains in force after it; <see langword="null"/> on events written before this was recorded.</param>
public sealed record LockExpired(string LockId, LockReason LockReason, bool? LastLock = null) : AccountEvent;
