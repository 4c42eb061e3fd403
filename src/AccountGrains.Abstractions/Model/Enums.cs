namespace AccountGrains.Abstractions;

/// <summary>What the caller of <see cref="IAccountGrain.Verify"/> is about to do.</summary>
[GenerateSerializer]
public enum VerifyAction
{
    /// <summary>A login.</summary>
    Login = 1,

    /// <summary>A sensitive action in a session.</summary>
    SensitiveAction = 2,

    /// <summary>Account recovery: the one action allowed while locked.</summary>
    Recover = 3,
}

/// <summary>The answer of <see cref="IAccountGrain.Verify"/>.</summary>
[GenerateSerializer]
public enum VerifyDecision
{
    /// <summary>Go ahead.</summary>
    Allow = 0,

    /// <summary>Ask for a second factor first.</summary>
    Challenge = 1,

    /// <summary>Refuse.</summary>
    Deny = 2,
}

/// <summary>Why <see cref="IAccountGrain.Verify"/> answered as it did; several may hold at once.</summary>
[Flags]
[GenerateSerializer]
public enum VerifyReasons
{
    /// <summary>Nothing against the action.</summary>
    None = 0,

    /// <summary>An active lock.</summary>
    Locked = 1,

    /// <summary>Risk is HIGH.</summary>
    RiskHigh = 2,

    /// <summary>The credential is compromised.</summary>
    CredentialCompromised = 4,

    /// <summary>A high-profile account on an unknown or absent device.</summary>
    UnknownDevice = 8,

    /// <summary>Informational: a recovery asked for a new credential and none was set yet.</summary>
    CredentialResetRequired = 16,
}

/// <summary>Why a lock was placed.</summary>
[GenerateSerializer]
public enum LockReason
{
    /// <summary>The account is compromised.</summary>
    Compromised = 1,

    /// <summary>Suspicious activity.</summary>
    SuspiciousActivity = 2,

    /// <summary>Too many failed logins (placed by the service only).</summary>
    BruteForce = 3,

    /// <summary>The account impersonates someone.</summary>
    Impersonation = 4,

    /// <summary>The account deceives about its identity.</summary>
    DeceptiveIdentity = 5,

    /// <summary>A policy violation.</summary>
    PolicyViolation = 6,

    /// <summary>The owner asked for it.</summary>
    UserRequested = 7,
}

/// <summary>What a platform service observed.</summary>
[GenerateSerializer]
public enum SignalKind
{
    /// <summary>A failed login.</summary>
    FailedLogin = 1,

    /// <summary>A successful login (resets the failure count).</summary>
    SuccessfulLogin = 2,

    /// <summary>The credential appeared in a leak.</summary>
    CredentialLeaked = 3,

    /// <summary>The phone number moved to another SIM.</summary>
    SimSwap = 4,

    /// <summary>A suspicious login.</summary>
    SuspiciousLogin = 5,

    /// <summary>The owner set a new credential.</summary>
    CredentialReset = 6,
}

/// <summary>How a recovery flow delivers its code.</summary>
[GenerateSerializer]
public enum RecoveryChannel
{
    /// <summary>E-mail.</summary>
    Email = 1,

    /// <summary>SMS (refused for 72 h after a SIM swap).</summary>
    Sms = 2,

    /// <summary>A voice call (refused with SMS).</summary>
    Voice = 3,

    /// <summary>A push notification.</summary>
    Push = 4,
}

/// <summary>The account's risk.</summary>
[GenerateSerializer]
public enum RiskLevel
{
    /// <summary>Low.</summary>
    Low = 0,

    /// <summary>Medium.</summary>
    Medium = 1,

    /// <summary>High.</summary>
    High = 2,
}

/// <summary>Where a verification badge stands.</summary>
[GenerateSerializer]
public enum BadgeStatus
{
    /// <summary>Never verified.</summary>
    Unverified = 0,

    /// <summary>Verified in a category.</summary>
    Verified = 1,

    /// <summary>The badge was taken away.</summary>
    Revoked = 2,
}

/// <summary>Which locks an <see cref="UnlockRequest"/> lifts.</summary>
[GenerateSerializer]
public enum UnlockScope
{
    /// <summary>The lock named by <see cref="UnlockRequest.LockId"/> (NOT_FOUND when it is not active).</summary>
    ById = 1,

    /// <summary>Every active lock with <see cref="UnlockRequest.Reason"/>; none is not an error.</summary>
    ByReason = 2,

    /// <summary>Every active lock; none is not an error.</summary>
    All = 3,
}

/// <summary>How a presented recovery code was judged.</summary>
[GenerateSerializer]
public enum RecoveryCompletionStatus
{
    /// <summary>Right code: recovery done.</summary>
    Completed = 1,

    /// <summary>Wrong code; tries remain.</summary>
    WrongCode = 2,

    /// <summary>Wrong code, and the last allowed: the attempt is burned.</summary>
    AttemptBurned = 3,
}
