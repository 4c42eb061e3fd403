namespace AccountGrains.Domain;

/// <summary>Why a lock was placed. Member names are stable: they are written to history (as <c>UPPER_SNAKE</c>) and never renamed.</summary>
public enum LockReason
{
    /// <summary>The account is believed to be in someone else's hands. Lifted by a successful recovery.</summary>
    Compromised = 1,

    /// <summary>Activity that looks like an attack. Lifted by a successful recovery.</summary>
    SuspiciousActivity = 2,

    /// <summary>Placed automatically after too many failed logins; never placed by a caller. Lifted by a successful recovery.</summary>
    BruteForce = 3,

    /// <summary>The account pretends to be someone else. Revokes a verification badge; never lifted by recovery.</summary>
    Impersonation = 4,

    /// <summary>The account misleads about who is behind it. Revokes a verification badge; never lifted by recovery.</summary>
    DeceptiveIdentity = 5,

    /// <summary>An enforcement decision; never lifted by recovery.</summary>
    PolicyViolation = 6,

    /// <summary>The owner asked for it; never lifted by recovery.</summary>
    UserRequested = 7,
}

/// <summary>Facts about lock reasons that several rules share.</summary>
public static class LockReasons
{
    /// <summary>Whether a successful recovery lifts a lock with this reason (only COMPROMISED, SUSPICIOUS_ACTIVITY and BRUTE_FORCE).</summary>
    public static bool IsLiftedByRecovery(LockReason reason) =>
        reason is LockReason.Compromised or LockReason.SuspiciousActivity or LockReason.BruteForce;

    /// <summary>Whether placing a lock with this reason revokes the verification badge (IMPERSONATION, DECEPTIVE_IDENTITY).</summary>
    public static bool RevokesBadge(LockReason reason) =>
        reason is LockReason.Impersonation or LockReason.DeceptiveIdentity;

    /// <summary>Whether the value is a defined reason.</summary>
    public static bool IsDefined(LockReason reason) => reason is >= LockReason.Compromised and <= LockReason.UserRequested;
}
