namespace AccountGrains.Domain;

/// <summary>
/// Maps events onto the OpenID Shared Signals vocabulary (RISC and CAEP event-type URIs) where one
/// fits, for publishers that emit Security Event Tokens. Events without a counterpart map to <see langword="null"/>.
/// </summary>
public static class SharedSignals
{
    /// <summary>RISC: the account was disabled.</summary>
    public const string AccountDisabled = "https://schemas.openid.net/secevent/risc/event-type/account-disabled";

    /// <summary>RISC: the account was enabled again.</summary>
    public const string AccountEnabled = "https://schemas.openid.net/secevent/risc/event-type/account-enabled";

    /// <summary>RISC: the credential is known to be compromised.</summary>
    public const string CredentialCompromise = "https://schemas.openid.net/secevent/risc/event-type/credential-compromise";

    /// <summary>RISC: the account must change its credential.</summary>
    public const string CredentialChangeRequired = "https://schemas.openid.net/secevent/risc/event-type/account-credential-change-required";

    /// <summary>RISC: account recovery was started.</summary>
    public const string RecoveryActivated = "https://schemas.openid.net/secevent/risc/event-type/recovery-activated";

    /// <summary>CAEP: the account's sessions were revoked.</summary>
    public const string SessionRevoked = "https://schemas.openid.net/secevent/caep/event-type/session-revoked";

    /// <summary>
    /// The Shared Signals event type for <paramref name="evt"/>, or <see langword="null"/>.
    /// Lock events map to disabled / enabled only when they change whether the account is locked.
    /// </summary>
    /// <param name="evt">The event.</param>
    /// <param name="wasLocked">Whether the account was locked just before the event.</param>
    /// <param name="isLocked">Whether it is locked just after.</param>
    public static string? EventTypeFor(AccountEvent evt, bool wasLocked, bool isLocked) => evt switch
    {
        LockPlaced when !wasLocked && isLocked => AccountDisabled,
        LockLifted or LockExpired when wasLocked && !isLocked => AccountEnabled,
        SignalRecorded { Kind: SignalKind.CredentialLeaked } => CredentialCompromise,
        RecoveryCompleted => CredentialChangeRequired,
        RecoveryStarted => RecoveryActivated,
        SessionsRevoked => SessionRevoked,
        _ => null,
    };
}
