namespace AccountGrains.Domain;

/// <summary>Something a caller asks of one account. Decided by <see cref="AccountDecider.Decide"/>.</summary>
/// <param name="Actor">Who asks.</param>
public abstract record AccountCommand(Actor Actor)
{
    /// <summary>
    /// When set, a repeat of the key within <see cref="AccountRulesOptions.IdempotencyWindow"/> returns the
    /// first result (marked <see cref="CommandOutcome.Replayed"/>) and writes nothing. At most
    /// <see cref="AccountRulesOptions.MaxTextLength"/> characters.
    /// </summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>The operation this command is, for <see cref="Permissions"/>.</summary>
    public abstract Operation Operation { get; }
}

/// <summary>Place a lock.</summary>
/// <param name="Actor">Who asks.</param>
/// <param name="Reason">Why; BRUTE_FORCE is refused (only the service places it).</param>
/// <param name="Duration">How long it lasts, or <see langword="null"/> until unlocked.</param>
/// <param name="Note">A note for history.</param>
public sealed record LockAccount(Actor Actor, LockReason Reason, TimeSpan? Duration = null, string? Note = null) : AccountCommand(Actor)
{
    /// <inheritdoc/>
    public override Operation Operation => Operation.Lock;
}

/// <summary>Which locks an <see cref="UnlockAccount"/> lifts.</summary>
public enum UnlockScope
{
    /// <summary>The lock named by <see cref="UnlockAccount.LockId"/>; NotFound when it is not active.</summary>
    ById = 1,

    /// <summary>Every active lock with <see cref="UnlockAccount.LockReason"/>; none is not an error.</summary>
    ByReason = 2,

    /// <summary>Every active lock; none is not an error.</summary>
    All = 3,
}

/// <summary>Lift locks. A vendor may not unlock a high-profile account.</summary>
/// <param name="Actor">Who asks.</param>
/// <param name="Scope">By id, by reason, or all.</param>
/// <param name="LockId">For <see cref="UnlockScope.ById"/>.</param>
/// <param name="LockReason">For <see cref="UnlockScope.ByReason"/>.</param>
/// <param name="Note">A note for history.</param>
public sealed record UnlockAccount(Actor Actor, UnlockScope Scope, string? LockId = null, LockReason? LockReason = null, string? Note = null) : AccountCommand(Actor)
{
    /// <inheritdoc/>
    public override Operation Operation => Operation.Unlock;
}

/// <summary>Report a signal a platform service observed.</summary>
/// <param name="Actor">Who reports.</param>
/// <param name="Kind">What was observed.</param>
/// <param name="DeviceId">The device involved, if known.</param>
public sealed record ReportSignal(Actor Actor, SignalKind Kind, string? DeviceId = null) : AccountCommand(Actor)
{
    /// <inheritdoc/>
    public override Operation Operation => Operation.ReportSignal;
}

/// <summary>Open a recovery attempt; the one-time code comes back once, in the outcome.</summary>
/// <param name="Actor">Who asks (a recovery flow).</param>
/// <param name="Channel">How the flow will deliver the code.</param>
public sealed record StartRecovery(Actor Actor, RecoveryChannel Channel) : AccountCommand(Actor)
{
    /// <inheritdoc/>
    public override Operation Operation => Operation.StartRecovery;
}

/// <summary>Present the code of the open attempt.</summary>
/// <param name="Actor">Who asks (a recovery flow).</param>
/// <param name="AttemptId">The attempt the code belongs to.</param>
/// <param name="Code">The code the owner typed.</param>
public sealed record CompleteRecovery(Actor Actor, string AttemptId, string Code) : AccountCommand(Actor)
{
    /// <inheritdoc/>
    public override Operation Operation => Operation.CompleteRecovery;

    /// <summary>Never prints the code.</summary>
    public override string ToString() => $"CompleteRecovery {{ Actor = {Actor.Display}, AttemptId = {AttemptId} }}";
}

/// <summary>Grant (or re-grant in another category) the verification badge.</summary>
/// <param name="Actor">Who asks.</param>
/// <param name="Category">The badge's category.</param>
public sealed record GrantVerification(Actor Actor, string Category) : AccountCommand(Actor)
{
    /// <inheritdoc/>
    public override Operation Operation => Operation.GrantVerification;
}

/// <summary>Revoke the verification badge.</summary>
/// <param name="Actor">Who asks.</param>
/// <param name="Reason">Why.</param>
public sealed record RevokeVerification(Actor Actor, string Reason) : AccountCommand(Actor)
{
    /// <inheritdoc/>
    public override Operation Operation => Operation.RevokeVerification;
}

/// <summary>Set or clear the high-profile flag.</summary>
/// <param name="Actor">Who asks.</param>
/// <param name="HighProfile">The new value.</param>
public sealed record SetHighProfile(Actor Actor, bool HighProfile) : AccountCommand(Actor)
{
    /// <inheritdoc/>
    public override Operation Operation => Operation.SetHighProfile;
}

/// <summary>Sent by the durable timer at <see cref="AccountState.NextDeadline"/>: expire what is due. Only <see cref="Actor.System"/> may send it.</summary>
/// <param name="Actor">The service (<see cref="Actor.System"/>).</param>
public sealed record ExpireDue(Actor Actor) : AccountCommand(Actor)
{
    /// <summary>The command as the timer sends it.</summary>
    public static ExpireDue FromTimer { get; } = new(Actor.System);

    /// <inheritdoc/>
    public override Operation Operation => Operation.ExpireDue;
}
