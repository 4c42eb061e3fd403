namespace AccountGrains.Domain;

/// <summary>
/// One account's state: the fold of its events (<see cref="Apply"/>). A never-seen account is
/// unlocked, LOW risk, unverified, version 0. Not thread-safe: the grain runs one turn at a time.
/// </summary>
/// <remarks>
/// Kept small for idle activations: every collection is allocated on first use, so a fresh or quiet
/// account is one object of a few fields. The fold applies decided facts only; the few caps it
/// enforces itself (<see cref="MaxRememberedKeys"/>, <see cref="MaxTrackedFailures"/>,
/// <see cref="MaxTrackedRecoveryStarts"/>) are constants, so replay never depends on options.
/// </remarks>
public sealed partial class AccountState
{
    /// <summary>Keyed commands remembered for idempotent replay (the newest ones).</summary>
    public const int MaxRememberedKeys = 16;

    /// <summary>Failed-login instants kept for the brute-force window (bounds <see cref="AccountRulesOptions.BruteForceThreshold"/>).</summary>
    public const int MaxTrackedFailures = 64;

    /// <summary>Recovery start instants kept for the attempts window (bounds <see cref="AccountRulesOptions.RecoveryMaxAttempts"/>).</summary>
    public const int MaxTrackedRecoveryStarts = 32;

    private List<AccountLock>? _locks;
    private List<string>? _devices;
    private List<DateTimeOffset>? _failures;
    private List<DateTimeOffset>? _recoveryStarts;
    private List<RememberedCommand>? _remembered;

    // Set only on NeverSeen, which every never-seen account's activation shares.
    private bool _shared;

    /// <summary>The number of events applied: the seq of the last one; 0 for a never-seen account.</summary>
    public long Version { get; private set; }

    /// <summary>The risk as last set by a signal, before decay; see <see cref="RiskAt"/>.</summary>
    public RiskLevel StoredRisk { get; private set; }

    /// <summary>When <see cref="StoredRisk"/> decays to LOW, if it is above LOW.</summary>
    public DateTimeOffset? RiskDecaysAt { get; private set; }

    /// <summary>Whether the credential is known to be compromised (<c>credential_compromised</c>).</summary>
    public bool CredentialCompromised { get; private set; }

    /// <summary>Whether a recovery asked for a new credential that has not been set yet.</summary>
    public bool CredentialResetRequired { get; private set; }

    /// <summary>Whether the account is high-profile (stricter rules).</summary>
    public bool HighProfile { get; private set; }

    /// <summary>The verification badge.</summary>
    public VerificationBadge Badge { get; private set; } = VerificationBadge.Unverified;

    /// <summary>Sessions issued before this instant are invalid; <see langword="null"/> when never revoked.</summary>
    public DateTimeOffset? SessionsValidAfter { get; private set; }

    /// <summary>Until when SMS and voice recovery are refused (after a SIM swap), if ever.</summary>
    public DateTimeOffset? SmsRefusedUntil { get; private set; }

    /// <summary>Locks not yet lifted or expired by an event, oldest first. Some may be past their expiry: use <see cref="ActiveLocks"/> for what is in force.</summary>
    public IReadOnlyList<AccountLock> Locks => (IReadOnlyList<AccountLock>?)_locks ?? [];

    /// <summary>Known device ids, most recently seen first.</summary>
    public IReadOnlyList<string> Devices => (IReadOnlyList<string>?)_devices ?? [];

    internal RecoveryAttempt? OpenAttempt { get; private set; }

    internal int BruteForceTrips { get; private set; }

    internal DateTimeOffset? LastTripEndsAt { get; private set; }

    internal IReadOnlyList<DateTimeOffset> Failures => (IReadOnlyList<DateTimeOffset>?)_failures ?? [];

    internal IReadOnlyList<DateTimeOffset> RecoveryStarts => (IReadOnlyList<DateTimeOffset>?)_recoveryStarts ?? [];

    internal IReadOnlyList<RememberedCommand> Remembered => (IReadOnlyList<RememberedCommand>?)_remembered ?? [];

    /// <summary>
    /// The state of every never-seen account, one instance shared by all their activations (most accounts never have an
    /// integrity event, and each idle activation would otherwise hold its own empty state). It refuses
    /// <see cref="Apply"/>: fold onto a <c>new AccountState()</c> instead (<see cref="IsShared"/> says which).
    /// </summary>
    public static AccountState NeverSeen { get; } = new() { _shared = true };

    /// <summary>Whether this is <see cref="NeverSeen"/>, which must not be folded onto.</summary>
    public bool IsShared => _shared;

    /// <summary>Folds <paramref name="events"/> onto a fresh state.</summary>
    public static AccountState Replay(IEnumerable<AccountEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var state = new AccountState();
        foreach (var evt in events)
        {
            state.Apply(evt);
        }

        return state;
    }

    internal static AccountState Restore(SnapshotParts parts)
    {
        var s = new AccountState
        {
            Version = parts.Version,
            StoredRisk = parts.StoredRisk,
            RiskDecaysAt = parts.RiskDecaysAt,
            CredentialCompromised = parts.CredentialCompromised,
            CredentialResetRequired = parts.CredentialResetRequired,
            HighProfile = parts.HighProfile,
            Badge = parts.Badge,
            SessionsValidAfter = parts.SessionsValidAfter,
            SmsRefusedUntil = parts.SmsRefusedUntil,
            OpenAttempt = parts.OpenAttempt,
            BruteForceTrips = parts.BruteForceTrips,
            LastTripEndsAt = parts.LastTripEndsAt,
        };
        s._locks = NullIfEmpty(parts.Locks);
        s._devices = NullIfEmpty(parts.Devices);
        s._failures = NullIfEmpty(parts.Failures);
        s._recoveryStarts = NullIfEmpty(parts.RecoveryStarts);
        s._remembered = NullIfEmpty(parts.Remembered);
        s.RestoreWorkflows(parts);
        return s;
    }

    private static List<T>? NullIfEmpty<T>(IReadOnlyList<T>? items) => items is { Count: > 0 } ? [.. items] : null;
}

/// <summary>The open recovery attempt, with the code's salted hash (never the code).</summary>
internal sealed record RecoveryAttempt(
    string AttemptId,
    RecoveryChannel Channel,
    byte[] CodeHash,
    byte[] Salt,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt,
    int FailedTries);

/// <summary>A keyed command's events, kept so a repeat of the key gets the first result back.</summary>
internal sealed record RememberedCommand(string Key, DateTimeOffset At, long LastSeq, IReadOnlyList<AccountEvent> Events);

/// <summary>Everything a snapshot holds, in one place for <see cref="AccountState.Restore"/>.</summary>
internal sealed record SnapshotParts(
    long Version,
    RiskLevel StoredRisk,
    DateTimeOffset? RiskDecaysAt,
    bool CredentialCompromised,
    bool CredentialResetRequired,
    bool HighProfile,
    VerificationBadge Badge,
    DateTimeOffset? SessionsValidAfter,
    DateTimeOffset? SmsRefusedUntil,
    RecoveryAttempt? OpenAttempt,
    int BruteForceTrips,
    DateTimeOffset? LastTripEndsAt,
    IReadOnlyList<AccountLock> Locks,
    IReadOnlyList<string> Devices,
    IReadOnlyList<DateTimeOffset> Failures,
    IReadOnlyList<DateTimeOffset> RecoveryStarts,
    IReadOnlyList<RememberedCommand> Remembered,
    IReadOnlyList<PendingRequest>? PendingRequests = null,
    IReadOnlyList<OpenAppeal>? OpenAppeals = null,
    IReadOnlyList<AutomaticLock>? AutomaticLocks = null,
    IReadOnlyList<long>? AuditedSeqs = null);
