namespace AccountGrains.Domain;

/// <summary>What the caller is about to do when it asks <c>Verify</c>.</summary>
public enum VerifyAction
{
    /// <summary>A login.</summary>
    Login = 1,

    /// <summary>A sensitive action in a session (changing e-mail, paying, posting as a brand…).</summary>
    SensitiveAction = 2,

    /// <summary>Starting or completing account recovery: the one action allowed while locked.</summary>
    Recover = 3,
}

/// <summary>The answer of <c>Verify</c>.</summary>
public enum VerifyDecision
{
    /// <summary>Go ahead.</summary>
    Allow = 0,

    /// <summary>Ask for a second factor first.</summary>
    Challenge = 1,

    /// <summary>Refuse.</summary>
    Deny = 2,
}

/// <summary>Why <c>Verify</c> answered as it did; several may hold at once.</summary>
[Flags]
public enum VerifyReasons
{
    /// <summary>Nothing against the action.</summary>
    None = 0,

    /// <summary>An active lock (DENY unless the action is <see cref="VerifyAction.Recover"/>).</summary>
    Locked = 1,

    /// <summary>Risk is HIGH (CHALLENGE).</summary>
    RiskHigh = 2,

    /// <summary>The credential is compromised (CHALLENGE).</summary>
    CredentialCompromised = 4,

    /// <summary>A high-profile account on an unknown or absent device (CHALLENGE).</summary>
    UnknownDevice = 8,

    /// <summary>Informational: a recovery asked for a new credential and none was set yet. Does not change the decision.</summary>
    CredentialResetRequired = 16,
}

/// <summary>The answer of <c>Verify</c>: a small value, allocation-free.</summary>
/// <param name="Decision">ALLOW, CHALLENGE or DENY.</param>
/// <param name="Reasons">Every reason that held, whatever the decision.</param>
/// <param name="Version">The account's version (seq of its last event) the answer was computed from.</param>
/// <param name="SessionsValidAfter">Sessions issued before this instant must be rejected; <see langword="null"/> when never revoked.</param>
public readonly record struct VerifyResult(
    VerifyDecision Decision,
    VerifyReasons Reasons,
    long Version,
    DateTimeOffset? SessionsValidAfter);
