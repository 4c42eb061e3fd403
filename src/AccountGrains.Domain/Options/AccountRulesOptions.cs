namespace AccountGrains.Domain;

/// <summary>
/// Every number of the account rules (DOMAIN.md), with its default. Validate once at start
/// (<see cref="Validate"/>); the decider trusts a validated instance. Changing an option never changes
/// the replay of past events: events record what was decided.
/// </summary>
public sealed class AccountRulesOptions
{
    /// <summary>The defaults, validated.</summary>
    public static AccountRulesOptions Default { get; } = new();

    /// <summary>How long an idempotency key is remembered. Default 24 h. The fold also keeps at most <see cref="AccountState.MaxRememberedKeys"/> (16) keyed commands per account; the store's key table is the durable backstop.</summary>
    public TimeSpan IdempotencyWindow { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Failed logins within <see cref="BruteForceWindow"/> that trip the automatic BRUTE_FORCE lock. Default 10; at most <see cref="AccountState.MaxTrackedFailures"/> (64).</summary>
    public int BruteForceThreshold { get; init; } = 10;

    /// <summary>The sliding window failed logins are counted in. Default 15 min.</summary>
    public TimeSpan BruteForceWindow { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The first automatic lock's length. Default 15 min; each further trip doubles it.</summary>
    public TimeSpan BruteForceLockDuration { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The longest automatic lock. Default 24 h.</summary>
    public TimeSpan BruteForceMaxLockDuration { get; init; } = TimeSpan.FromHours(24);

    /// <summary>
    /// The doubling starts over when the last automatic lock ended longer ago than this. Default 24 h. A successful
    /// recovery also starts it over; a successful login does not (an attacker's guesses interleaved
    /// with the owner's logins must keep doubling).
    /// </summary>
    public TimeSpan BruteForceDoublingResetAfter { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Risk falls back to LOW this long after the last risk-raising signal (CREDENTIAL_LEAKED, SIM_SWAP, SUSPICIOUS_LOGIN). Default 7 days.</summary>
    public TimeSpan RiskDecay { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Known devices kept, most recently seen first. Default 20.</summary>
    public int MaxDevices { get; init; } = 20;

    /// <summary>How long SMS (and voice) recovery is refused after a SIM swap. Default 72 h.</summary>
    public TimeSpan SimSwapSmsRefusal { get; init; } = TimeSpan.FromHours(72);

    /// <summary>Recovery attempts allowed per <see cref="RecoveryWindow"/>. Default 3; at most <see cref="AccountState.MaxTrackedRecoveryStarts"/> (32).</summary>
    public int RecoveryMaxAttempts { get; init; } = 3;

    /// <summary>The sliding window recovery attempts are counted in. Default 24 h.</summary>
    public TimeSpan RecoveryWindow { get; init; } = TimeSpan.FromHours(24);

    /// <summary>How long a recovery code works. Default 10 min (NIST SP 800-63B's bound for out-of-band codes).</summary>
    public TimeSpan RecoveryCodeLifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Wrong codes that burn an attempt. Default 5.</summary>
    public int RecoveryMaxFailedTries { get; init; } = 5;

    /// <summary>Decimal digits in a recovery code. Default 6 (about 20 bits, NIST SP 800-63B's minimum); 6 to 12.</summary>
    public int RecoveryCodeDigits { get; init; } = 6;

    /// <summary>The longest note, category, reason, device id, attempt id or idempotency key accepted. Default 1024 characters.</summary>
    public int MaxTextLength { get; init; } = 1024;

    /// <summary>Which actions need a second person's approval, and how long a request waits (<see cref="DualControlOptions"/>). The silo binds it from <c>AccountGrains:DualControl</c>.</summary>
    public DualControlOptions DualControl { get; init; } = new();

    /// <summary>Throws <see cref="InvalidOperationException"/> naming every invalid option.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        Positive(IdempotencyWindow, nameof(IdempotencyWindow), errors);
        Positive(BruteForceWindow, nameof(BruteForceWindow), errors);
        Positive(BruteForceLockDuration, nameof(BruteForceLockDuration), errors);
        Positive(BruteForceDoublingResetAfter, nameof(BruteForceDoublingResetAfter), errors);
        Positive(RiskDecay, nameof(RiskDecay), errors);
        Positive(SimSwapSmsRefusal, nameof(SimSwapSmsRefusal), errors);
        Positive(RecoveryWindow, nameof(RecoveryWindow), errors);
        Positive(RecoveryCodeLifetime, nameof(RecoveryCodeLifetime), errors);
        if (BruteForceMaxLockDuration < BruteForceLockDuration)
        {
            errors.Add($"{nameof(BruteForceMaxLockDuration)} must be at least {nameof(BruteForceLockDuration)}.");
        }

        InRange(BruteForceThreshold, 1, AccountState.MaxTrackedFailures, nameof(BruteForceThreshold), errors);
        InRange(MaxDevices, 1, 1000, nameof(MaxDevices), errors);
        InRange(RecoveryMaxAttempts, 1, AccountState.MaxTrackedRecoveryStarts, nameof(RecoveryMaxAttempts), errors);
        InRange(RecoveryMaxFailedTries, 1, 100, nameof(RecoveryMaxFailedTries), errors);
        InRange(RecoveryCodeDigits, 6, 12, nameof(RecoveryCodeDigits), errors);
        InRange(MaxTextLength, 16, 65536, nameof(MaxTextLength), errors);
        if (DualControl is null)
        {
            errors.Add($"{nameof(DualControl)} is required.");
        }
        else
        {
            DualControl.Validate(errors);
        }
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("Invalid account rules options: " + string.Join(" ", errors));
        }
    }

    private static void Positive(TimeSpan value, string name, List<string> errors)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{name} must be positive (was {value}).");
        }
    }

    private static void InRange(int value, int min, int max, string name, List<string> errors)
    {
        if (value < min || value > max)
        {
            errors.Add($"{name} must be between {min} and {max} (was {value}).");
        }
    }
}
