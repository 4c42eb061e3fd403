namespace AccountGrains.Domain;

/// <summary>
/// Maps events onto the OpenID Shared Signals vocabulary (RISC and CAEP event-type URIs) where one fits, so a
/// receiver that speaks it needs no mapping of its own. The event stream carries <see cref="TypesFor"/> on each event.
/// </summary>
public static class SharedSignals
{
    /// <summary>RISC: the account was disabled (it went from active to locked).</summary>
    public const string AccountDisabled = "https://schemas.openid.net/secevent/risc/event-type/account-disabled";

    /// <summary>RISC: the account was enabled again (its last lock in force ended).</summary>
    public const string AccountEnabled = "https://schemas.openid.net/secevent/risc/event-type/account-enabled";

    /// <summary>RISC: the credential is known to be compromised.</summary>
    public const string CredentialCompromise = "https://schemas.openid.net/secevent/risc/event-type/credential-compromise";

    /// <summary>RISC: the account must change its credential.</summary>
    public const string CredentialChangeRequired = "https://schemas.openid.net/secevent/risc/event-type/account-credential-change-required";

    /// <summary>RISC: account recovery was started.</summary>
    public const string RecoveryActivated = "https://schemas.openid.net/secevent/risc/event-type/recovery-activated";

    /// <summary>CAEP: the account's sessions were revoked.</summary>
    public const string SessionRevoked = "https://schemas.openid.net/secevent/caep/event-type/session-revoked";

    /// <summary>CAEP: the account's credential was changed (the owner set a new one).</summary>
    public const string CredentialChange = "https://schemas.openid.net/secevent/caep/event-type/credential-change";

    private static readonly string[] Disabled = [AccountDisabled];
    private static readonly string[] DisabledCompromised = [AccountDisabled, CredentialCompromise];
    private static readonly string[] Enabled = [AccountEnabled];
    private static readonly string[] Compromise = [CredentialCompromise];
    private static readonly string[] Changed = [CredentialChange];
    private static readonly string[] ChangeRequired = [CredentialChangeRequired];
    private static readonly string[] Recovery = [RecoveryActivated];
    private static readonly string[] Sessions = [SessionRevoked];

    /// <summary>
    /// The Shared Signals event types <paramref name="evt"/> stands for, most often none or one; never <see langword="null"/>.
    /// </summary>
    /// <remarks>
    /// A lock disables the account only when no other lock was in force (<see cref="LockPlaced.FirstLock"/>), and a
    /// lift or expiry enables it only when none remains (<see cref="LockLifted.LastLock"/>). A COMPROMISED lock also
    /// records a credential compromise. Lock events written before those flags were recorded: a lock counts as
    /// disabling (repeating account-disabled is harmless to a receiver), a lift or expiry as not enabling (an
    /// account-enabled the account's state may not back would be harmful).
    /// </remarks>
    /// <param name="evt">The event.</param>
    public static IReadOnlyList<string> TypesFor(AccountEvent evt) => evt switch
    {
        LockPlaced { FirstLock: false, LockReason: LockReason.Compromised } => Compromise,
        LockPlaced { FirstLock: false } => [],
        LockPlaced { LockReason: LockReason.Compromised } => DisabledCompromised,
        LockPlaced => Disabled,
        LockLifted { LastLock: true } or LockExpired { LastLock: true } => Enabled,
        SignalRecorded { Kind: SignalKind.CredentialLeaked } => Compromise,
        SignalRecorded { Kind: SignalKind.CredentialReset } => Changed,
        RecoveryStarted => Recovery,
        RecoveryCompleted => ChangeRequired,
        SessionsRevoked => Sessions,
        _ => [],
    };
}
