namespace AccountGrains.Domain;

/// <summary>What <c>GetAccount</c> returns, as seen at one instant (expired locks and decayed risk already left out).</summary>
/// <param name="Version">The seq of the last event.</param>
/// <param name="Locked">Whether any lock is in force.</param>
/// <param name="Locks">The locks in force.</param>
/// <param name="Risk">The risk, after decay.</param>
/// <param name="CredentialCompromised">The <c>credential_compromised</c> flag.</param>
/// <param name="CredentialResetRequired">Whether a recovery asked for a new credential not set yet.</param>
/// <param name="Devices">Known devices, most recently seen first.</param>
/// <param name="Badge">The verification badge.</param>
/// <param name="HighProfile">The high-profile flag.</param>
/// <param name="SessionsValidAfter">Sessions issued before this are invalid.</param>
/// <param name="Recovery">Recovery, without code or hash.</param>
public sealed record AccountView(
    long Version,
    bool Locked,
    IReadOnlyList<AccountLock> Locks,
    RiskLevel Risk,
    bool CredentialCompromised,
    bool CredentialResetRequired,
    IReadOnlyList<string> Devices,
    VerificationBadge Badge,
    bool HighProfile,
    DateTimeOffset? SessionsValidAfter,
    RecoveryStatus Recovery)
{
    /// <summary>Dual-control requests waiting for a second person (lapsed ones left out), oldest first.</summary>
    public IReadOnlyList<PendingRequest> PendingRequests { get; init; } = [];

    /// <summary>Appeals waiting for a decision, oldest first.</summary>
    public IReadOnlyList<OpenAppeal> OpenAppeals { get; init; } = [];

    /// <summary>The newest automatic locks (in force or ended) and their feedback labels, oldest first.</summary>
    public IReadOnlyList<AutomaticLock> AutomaticLocks { get; init; } = [];

    /// <summary>The view of <paramref name="state"/> at <paramref name="now"/>.</summary>
    public static AccountView Of(AccountState state, DateTimeOffset now, AccountRulesOptions options)
    {
        ArgumentNullException.ThrowIfNull(state);
        var locks = state.ActiveLocks(now);
        return new AccountView(
            state.Version,
            locks.Count > 0,
            locks,
            state.RiskAt(now),
            state.CredentialCompromised,
            state.CredentialResetRequired,
            [.. state.Devices],
            state.Badge,
            state.HighProfile,
            state.SessionsValidAfter,
            state.GetRecoveryStatus(now, options))
        {
            PendingRequests = [.. state.PendingRequests.Where(r => r.IsOpenAt(now))],
            OpenAppeals = [.. state.OpenAppeals],
            AutomaticLocks = [.. state.AutomaticLocks],
        };
    }
}
