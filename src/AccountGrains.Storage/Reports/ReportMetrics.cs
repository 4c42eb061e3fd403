namespace AccountGrains.Storage.Reports;

/// <summary>The metric names the reporting projection writes and <c>GetReport</c> reads. Stored: never rename one.</summary>
public static class ReportMetrics
{
    /// <summary>Counter: locks placed; key the reason, detail <see cref="Automatic"/> or <see cref="Manual"/>.</summary>
    public const string LockPlaced = "lock_placed";

    /// <summary>Counter: locks lifted or expired; key the reason, detail <see cref="Manual"/>, <see cref="Recovery"/> or <see cref="Expiry"/>.</summary>
    public const string LockLifted = "lock_lifted";

    /// <summary>Counter: recovery attempts started; key the channel.</summary>
    public const string RecoveryStarted = "recovery_started";

    /// <summary>Counter: badges granted; key the category.</summary>
    public const string BadgeGranted = "badge_granted";

    /// <summary>Counter: badges revoked; key the revocation reason.</summary>
    public const string BadgeRevoked = "badge_revoked";

    /// <summary>Counter: events caused by a caller (not the system); key the actor, detail the event type.</summary>
    public const string ActorAction = "actor_action";

    /// <summary>Interval: a COMPROMISED lock, from placing to its end; outcome <see cref="Recovery"/>, <see cref="Manual"/> or <see cref="Expiry"/>.</summary>
    public const string CompromisedLock = "compromised_lock";

    /// <summary>Interval: a recovery attempt, labelled with its channel; outcome <c>completed</c>, <c>burned</c>, <c>expired</c> or <c>replaced</c>.</summary>
    public const string RecoveryAttempt = "recovery_attempt";

    /// <summary>Counter: feedback labels on automatic locks; key the rule (the lock's reason, <c>BRUTE_FORCE</c>), detail the label (<c>FALSE_POSITIVE</c>, <c>CONFIRMED_COMPROMISE</c>).</summary>
    public const string AutomaticLockLabel = "automatic_lock_label";

    /// <summary>Counter: agent and vendor actions sampled for a quality audit; key the actor, detail the role (<c>agent</c>, <c>vendor</c>).</summary>
    public const string AuditSampled = "audit_sampled";

    /// <summary>Counter: audit verdicts <c>CORRECT</c>, on the day of the verdict; key the audited actor, detail its role.</summary>
    public const string AuditCorrect = "audit_correct";

    /// <summary>Counter: audit verdicts <c>INCORRECT</c>, like <see cref="AuditCorrect"/>.</summary>
    public const string AuditIncorrect = "audit_incorrect";

    /// <summary>Detail: placed by the service itself (the actor <c>system</c>).</summary>
    public const string Automatic = "automatic";

    /// <summary>Detail: placed or lifted by a caller.</summary>
    public const string Manual = "manual";

    /// <summary>Detail and outcome: lifted by a successful recovery.</summary>
    public const string Recovery = "recovery";

    /// <summary>Detail and outcome: the lock reached its expiry.</summary>
    public const string Expiry = "expiry";
}
