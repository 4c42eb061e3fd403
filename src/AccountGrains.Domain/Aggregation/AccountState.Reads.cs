namespace AccountGrains.Domain;

public sealed partial class AccountState
{
    /// <summary>
    /// Answers <c>Verify</c> at <paramref name="now"/> without allocating: DENY while a lock is in force
    /// (except <see cref="VerifyAction.Recover"/>); CHALLENGE when risk is HIGH, the credential is
    /// compromised, or a high-profile account uses an unknown (or no) device; else ALLOW. Lock expiry and
    /// risk decay are judged against <paramref name="now"/>, so the answer is exact even if a timer is late.
    /// </summary>
    public VerifyResult Verify(VerifyAction action, string? deviceId, DateTimeOffset now)
    {
        var reasons = VerifyReasons.None;
        if (IsLocked(now))
        {
            reasons |= VerifyReasons.Locked;
        }

        if (RiskAt(now) == RiskLevel.High)
        {
            reasons |= VerifyReasons.RiskHigh;
        }

        if (CredentialCompromised)
        {
            reasons |= VerifyReasons.CredentialCompromised;
        }

        if (HighProfile && !IsKnownDevice(deviceId))
        {
            reasons |= VerifyReasons.UnknownDevice;
        }

        if (CredentialResetRequired)
        {
            reasons |= VerifyReasons.CredentialResetRequired;
        }

        const VerifyReasons challenge = VerifyReasons.RiskHigh | VerifyReasons.CredentialCompromised | VerifyReasons.UnknownDevice;
        var decision = (reasons & VerifyReasons.Locked) != 0 && action != VerifyAction.Recover
            ? VerifyDecision.Deny
            : (reasons & challenge) != 0 ? VerifyDecision.Challenge : VerifyDecision.Allow;
        return new VerifyResult(decision, reasons, Version, SessionsValidAfter);
    }

    /// <summary>Whether any lock is in force at <paramref name="now"/>.</summary>
    public bool IsLocked(DateTimeOffset now)
    {
        if (_locks is null)
        {
            return false;
        }

        foreach (var l in _locks)
        {
            if (l.IsActiveAt(now))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The locks in force at <paramref name="now"/>, oldest first.</summary>
    public IReadOnlyList<AccountLock> ActiveLocks(DateTimeOffset now) =>
        _locks is null ? [] : _locks.FindAll(l => l.IsActiveAt(now));

    /// <summary>The risk at <paramref name="now"/>: <see cref="StoredRisk"/>, or LOW once it has decayed.</summary>
    public RiskLevel RiskAt(DateTimeOffset now) =>
        RiskDecaysAt is { } decays && decays <= now ? RiskLevel.Low : StoredRisk;

    /// <summary>Whether <paramref name="deviceId"/> is one of the known devices; <see langword="null"/> is never known.</summary>
    public bool IsKnownDevice(string? deviceId)
    {
        if (deviceId is null || _devices is null)
        {
            return false;
        }

        foreach (var d in _devices)
        {
            if (string.Equals(d, deviceId, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// When the durable timer must next wake the account: the earliest lock expiry, open recovery
    /// attempt expiry or pending dual-control request expiry, or <see langword="null"/> when nothing will expire. May be in the past when a
    /// timer is late; <see cref="ExpireDue"/> then expires it.
    /// </summary>
    public DateTimeOffset? NextDeadline
    {
        get
        {
            DateTimeOffset? next = OpenAttempt?.ExpiresAt;
            if (NextRequestExpiry is { } request && (next is null || request < next))
            {
                next = request;
            }

            if (_locks is not null)
            {
                foreach (var l in _locks)
                {
                    if (l.ExpiresAt is { } e && (next is null || e < next))
                    {
                        next = e;
                    }
                }
            }

            return next;
        }
    }

    /// <summary>The open recovery attempt and the attempt limit as seen at <paramref name="now"/>, without code or hash.</summary>
    public RecoveryStatus GetRecoveryStatus(DateTimeOffset now, AccountRulesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var windowStart = now - options.RecoveryWindow;
        var inWindow = 0;
        DateTimeOffset? oldest = null;
        foreach (var t in RecoveryStarts)
        {
            if (t > windowStart)
            {
                inWindow++;
                oldest ??= t;
            }
        }

        var cooldownUntil = inWindow >= options.RecoveryMaxAttempts && oldest is { } o ? o + options.RecoveryWindow : (DateTimeOffset?)null;
        var open = OpenAttempt is { } a && a.ExpiresAt > now ? a : null;
        return new RecoveryStatus(
            open?.AttemptId,
            open?.Channel,
            open?.IssuedAt,
            open?.ExpiresAt,
            open?.FailedTries ?? 0,
            inWindow,
            cooldownUntil,
            SmsRefusedUntil is { } sms && sms > now ? sms : null);
    }
}
