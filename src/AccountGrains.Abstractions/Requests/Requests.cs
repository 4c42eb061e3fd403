namespace AccountGrains.Abstractions;

/// <summary>Place a lock. A repeat of <paramref name="IdempotencyKey"/> returns the first result and writes nothing.</summary>
/// <param name="Reason">Why; BRUTE_FORCE is refused (only the service places it).</param>
/// <param name="Duration">How long it lasts; null until unlocked.</param>
/// <param name="Note">A note for history.</param>
/// <param name="IdempotencyKey">Makes a retry safe.</param>
[GenerateSerializer, Immutable]
public sealed record LockRequest(
    [property: Id(0)] LockReason Reason,
    [property: Id(1)] TimeSpan? Duration = null,
    [property: Id(2)] string? Note = null,
    [property: Id(3)] string? IdempotencyKey = null);

/// <summary>Lift locks: one by id, the locks of a reason, or all.</summary>
/// <param name="Scope">Which.</param>
/// <param name="LockId">For <see cref="UnlockScope.ById"/>.</param>
/// <param name="Reason">For <see cref="UnlockScope.ByReason"/>.</param>
/// <param name="Note">A note for history.</param>
/// <param name="IdempotencyKey">Makes a retry safe.</param>
[GenerateSerializer, Immutable]
public sealed record UnlockRequest(
    [property: Id(0)] UnlockScope Scope,
    [property: Id(1)] string? LockId = null,
    [property: Id(2)] LockReason? Reason = null,
    [property: Id(3)] string? Note = null,
    [property: Id(4)] string? IdempotencyKey = null);

/// <summary>Report a signal.</summary>
/// <param name="Kind">What was observed.</param>
/// <param name="DeviceId">The device involved, if known.</param>
/// <param name="IdempotencyKey">Makes a retry safe.</param>
[GenerateSerializer, Immutable]
public sealed record SignalRequest(
    [property: Id(0)] SignalKind Kind,
    [property: Id(1)] string? DeviceId = null,
    [property: Id(2)] string? IdempotencyKey = null);

/// <summary>Open a recovery attempt.</summary>
/// <param name="Channel">How the flow will deliver the code.</param>
/// <param name="IdempotencyKey">Makes a retry safe (a replay never carries the code again).</param>
[GenerateSerializer, Immutable]
public sealed record StartRecoveryRequest(
    [property: Id(0)] RecoveryChannel Channel,
    [property: Id(1)] string? IdempotencyKey = null);

/// <summary>Present the code of the open attempt. Never printed with its code.</summary>
/// <param name="AttemptId">The attempt.</param>
/// <param name="Code">The code the owner typed.</param>
[GenerateSerializer, Immutable]
public sealed record CompleteRecoveryRequest(
    [property: Id(0)] string AttemptId,
    [property: Id(1)] string Code)
{
    /// <summary>Never prints the code.</summary>
    public override string ToString() => $"CompleteRecoveryRequest {{ AttemptId = {AttemptId} }}";
}

/// <summary>Grant the verification badge.</summary>
/// <param name="Category">The badge's category.</param>
/// <param name="IdempotencyKey">Makes a retry safe.</param>
[GenerateSerializer, Immutable]
public sealed record GrantVerificationRequest(
    [property: Id(0)] string Category,
    [property: Id(1)] string? IdempotencyKey = null);

/// <summary>Revoke the verification badge.</summary>
/// <param name="Reason">Why.</param>
/// <param name="IdempotencyKey">Makes a retry safe.</param>
[GenerateSerializer, Immutable]
public sealed record RevokeVerificationRequest(
    [property: Id(0)] string Reason,
    [property: Id(1)] string? IdempotencyKey = null);

/// <summary>Set or clear the high-profile flag.</summary>
/// <param name="HighProfile">The new value.</param>
/// <param name="IdempotencyKey">Makes a retry safe.</param>
[GenerateSerializer, Immutable]
public sealed record SetHighProfileRequest(
    [property: Id(0)] bool HighProfile,
    [property: Id(1)] string? IdempotencyKey = null);
