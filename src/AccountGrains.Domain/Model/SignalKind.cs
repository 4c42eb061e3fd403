namespace AccountGrains.Domain;

/// <summary>What a platform service observed about an account. Member names are stable (written to history).</summary>
public enum SignalKind
{
    /// <summary>A login failed; counted towards the automatic BRUTE_FORCE lock.</summary>
    FailedLogin = 1,

    /// <summary>A login succeeded: resets the failure count and, with a device id, makes the device known.</summary>
    SuccessfulLogin = 2,

    /// <summary>The credential was found in a leak: sets <c>credential_compromised</c> and risk HIGH.</summary>
    CredentialLeaked = 3,

    /// <summary>The phone number moved to a new SIM: risk HIGH, SMS recovery refused for a while (72 h).</summary>
    SimSwap = 4,

    /// <summary>A login looked suspicious: risk one level up.</summary>
    SuspiciousLogin = 5,

    /// <summary>
    /// The owner set a new credential through the platform: clears <c>credential_compromised</c> and the
    /// <c>credential_reset_required</c> flag a recovery sets. (Not in DOMAIN.md's list; needed so the reset can end.)
    /// </summary>
    CredentialReset = 6,
}
