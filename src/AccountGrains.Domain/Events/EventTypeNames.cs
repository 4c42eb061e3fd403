namespace AccountGrains.Domain;

/// <summary>The stable type names events are stored under. Never rename one; add new names instead.</summary>
public static class EventTypeNames
{
    /// <summary><see cref="Domain.LockPlaced"/>.</summary>
    public const string LockPlaced = "LockPlaced";

    /// <summary><see cref="Domain.LockLifted"/>.</summary>
    public const string LockLifted = "LockLifted";

    /// <summary><see cref="Domain.LockExpired"/>.</summary>
    public const string LockExpired = "LockExpired";

    /// <summary><see cref="Domain.SignalRecorded"/>.</summary>
    public const string SignalRecorded = "SignalRecorded";

    /// <summary><see cref="Domain.RecoveryStarted"/>.</summary>
    public const string RecoveryStarted = "RecoveryStarted";

    /// <summary><see cref="Domain.RecoveryCodeRejected"/>.</summary>
    public const string RecoveryCodeRejected = "RecoveryCodeRejected";

    /// <summary><see cref="Domain.RecoveryAttemptBurned"/>.</summary>
    public const string RecoveryAttemptBurned = "RecoveryAttemptBurned";

    /// <summary><see cref="Domain.RecoveryAttemptExpired"/>.</summary>
    public const string RecoveryAttemptExpired = "RecoveryAttemptExpired";

    /// <summary><see cref="Domain.RecoveryCompleted"/>.</summary>
    public const string RecoveryCompleted = "RecoveryCompleted";

    /// <summary><see cref="Domain.SessionsRevoked"/>.</summary>
    public const string SessionsRevoked = "SessionsRevoked";

    /// <summary><see cref="Domain.VerificationGranted"/>.</summary>
    public const string VerificationGranted = "VerificationGranted";

    /// <summary><see cref="Domain.VerificationRevoked"/>.</summary>
    public const string VerificationRevoked = "VerificationRevoked";

    /// <summary><see cref="Domain.HighProfileChanged"/>.</summary>
    public const string HighProfileChanged = "HighProfileChanged";

    /// <summary><see cref="Domain.DualControlRequested"/>.</summary>
    public const string DualControlRequested = "DualControlRequested";

    /// <summary><see cref="Domain.DualControlApproved"/>.</summary>
    public const string DualControlApproved = "DualControlApproved";

    /// <summary><see cref="Domain.DualControlRejected"/>.</summary>
    public const string DualControlRejected = "DualControlRejected";

    /// <summary><see cref="Domain.DualControlLapsed"/>.</summary>
    public const string DualControlLapsed = "DualControlLapsed";

    /// <summary><see cref="Domain.AppealFiled"/>.</summary>
    public const string AppealFiled = "AppealFiled";

    /// <summary><see cref="Domain.AppealDecided"/>.</summary>
    public const string AppealDecided = "AppealDecided";

    /// <summary><see cref="Domain.AutomaticLockLabelled"/>.</summary>
    public const string AutomaticLockLabelled = "AutomaticLockLabelled";

    /// <summary><see cref="Domain.AuditVerdictRecorded"/>.</summary>
    public const string AuditVerdictRecorded = "AuditVerdictRecorded";

    /// <summary>Every type name, in the order above.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        LockPlaced, LockLifted, LockExpired, SignalRecorded, RecoveryStarted, RecoveryCodeRejected, RecoveryAttemptBurned,
        RecoveryAttemptExpired, RecoveryCompleted, SessionsRevoked, VerificationGranted, VerificationRevoked, HighProfileChanged,
        DualControlRequested, DualControlApproved, DualControlRejected, DualControlLapsed, AppealFiled, AppealDecided, AutomaticLockLabelled,
        AuditVerdictRecorded,
    ];

    /// <summary>The stable type name of an event.</summary>
    public static string Of(AccountEvent evt) => evt switch
    {
        Domain.LockPlaced => LockPlaced,
        Domain.LockLifted => LockLifted,
        Domain.LockExpired => LockExpired,
        Domain.SignalRecorded => SignalRecorded,
        Domain.RecoveryStarted => RecoveryStarted,
        Domain.RecoveryCodeRejected => RecoveryCodeRejected,
        Domain.RecoveryAttemptBurned => RecoveryAttemptBurned,
        Domain.RecoveryAttemptExpired => RecoveryAttemptExpired,
        Domain.RecoveryCompleted => RecoveryCompleted,
        Domain.SessionsRevoked => SessionsRevoked,
        Domain.VerificationGranted => VerificationGranted,
        Domain.VerificationRevoked => VerificationRevoked,
        Domain.HighProfileChanged => HighProfileChanged,
        Domain.DualControlRequested => DualControlRequested,
        Domain.DualControlApproved => DualControlApproved,
        Domain.DualControlRejected => DualControlRejected,
        Domain.DualControlLapsed => DualControlLapsed,
        Domain.AppealFiled => AppealFiled,
        Domain.AppealDecided => AppealDecided,
        Domain.AutomaticLockLabelled => AutomaticLockLabelled,
        Domain.AuditVerdictRecorded => AuditVerdictRecorded,
        _ => throw new ArgumentException($"Unknown event type {evt.GetType().Name}.", nameof(evt)),
    };
}
