namespace AccountGrains.Domain;

public sealed partial class AccountState
{
    /// <summary>
    /// Folds one event in and advances <see cref="Version"/> by one. Applies decided facts only; an
    /// event naming a lock or attempt that is no longer there changes nothing but the version.
    /// </summary>
    /// <exception cref="InvalidOperationException">This is <see cref="NeverSeen"/>, shared by every never-seen account.</exception>
    public void Apply(AccountEvent evt)
    {
        ArgumentNullException.ThrowIfNull(evt);
        if (_shared)
        {
            throw new InvalidOperationException("AccountState.NeverSeen is shared by every never-seen account: fold onto a new AccountState instead.");
        }

        Version++;
        switch (evt)
        {
            case LockPlaced e:
                (_locks ??= []).Add(new AccountLock(e.LockId, e.LockReason, e.Actor, e.At, e.ExpiresAt, e.Note));
                TrackAutomaticLock(e);
                if (e.Trip is { } trip)
                {
                    BruteForceTrips = trip;
                    LastTripEndsAt = e.ExpiresAt ?? e.At;
                    _failures = null;
                }

                break;
            case LockLifted e:
                RemoveLock(e.LockId);
                break;
            case LockExpired e:
                RemoveLock(e.LockId);
                break;
            case SignalRecorded e:
                ApplySignal(e);
                break;
            case RecoveryStarted e:
                _recoveryStarts = Slide(_recoveryStarts, e.WindowStart, e.At, MaxTrackedRecoveryStarts);
                OpenAttempt = new RecoveryAttempt(e.AttemptId, e.Channel, e.CodeHash, e.Salt, e.At, e.ExpiresAt, 0);
                break;
            case RecoveryCodeRejected e when OpenAttempt?.AttemptId == e.AttemptId:
                OpenAttempt = OpenAttempt with { FailedTries = e.FailedTries };
                break;
            case RecoveryAttemptBurned e when OpenAttempt?.AttemptId == e.AttemptId:
                OpenAttempt = null;
                break;
            case RecoveryAttemptExpired e when OpenAttempt?.AttemptId == e.AttemptId:
                OpenAttempt = null;
                break;
            case RecoveryCompleted:
                OpenAttempt = null;
                CredentialCompromised = false;
                CredentialResetRequired = true;
                StoredRisk = RiskLevel.Low;
                RiskDecaysAt = null;
                BruteForceTrips = 0;
                LastTripEndsAt = null;
                _failures = null;
                break;
            case SessionsRevoked e:
                SessionsValidAfter = e.ValidAfter;
                break;
            case VerificationGranted e:
                Badge = new VerificationBadge(BadgeStatus.Verified, e.Category, e.At, e.Actor);
                break;
            case VerificationRevoked e:
                Badge = new VerificationBadge(BadgeStatus.Revoked, RevokedReason: e.RevocationReason);
                break;
            case HighProfileChanged e:
                HighProfile = e.HighProfile;
                break;
            default:
                ApplyWorkflow(evt);
                break;
        }

        if (evt.IdempotencyKey is { } key)
        {
            Remember(key, evt);
        }
    }

    private void ApplySignal(SignalRecorded e)
    {
        StoredRisk = e.Risk;
        RiskDecaysAt = e.RiskDecaysAt;

        switch (e.Kind)
        {
            case SignalKind.FailedLogin:
                _failures = Slide(_failures, e.FailureWindowStart, e.At, MaxTrackedFailures);
                break;
            case SignalKind.SuccessfulLogin:
                _failures = null;
                if (e.DeviceId is { } device)
                {
                    TouchDevice(device, e.EvictedDeviceId);
                }

                break;
            case SignalKind.CredentialLeaked:
                CredentialCompromised = true;
                break;
            case SignalKind.SimSwap:
                SmsRefusedUntil = e.SmsRefusedUntil;
                break;
            case SignalKind.CredentialReset:
                CredentialCompromised = false;
                CredentialResetRequired = false;
                break;
            default:
                break;
        }
    }

    private void TouchDevice(string device, string? evicted)
    {
        var devices = _devices ??= [];
        devices.Remove(device);
        if (evicted is not null)
        {
            devices.Remove(evicted);
        }

        devices.Insert(0, device);
    }

    private void RemoveLock(string lockId)
    {
        if (_locks is null)
        {
            return;
        }

        _locks.RemoveAll(l => l.LockId == lockId);
        if (_locks.Count == 0)
        {
            _locks = null;
        }
    }

    private void Remember(string key, AccountEvent evt)
    {
        var remembered = _remembered ??= [];
        if (remembered.Count > 0 && remembered[^1] is { } last && last.Key == key && last.At == evt.At && last.LastSeq == Version - 1)
        {
            remembered[^1] = last with { LastSeq = Version, Events = [.. last.Events, evt] };
            return;
        }

        if (remembered.Count >= MaxRememberedKeys)
        {
            remembered.RemoveAt(0);
        }

        remembered.Add(new RememberedCommand(key, evt.At, Version, [evt]));
    }

    // A sliding window of instants: drops those before the window's start, appends the new one, and keeps at most cap.
    private static List<DateTimeOffset> Slide(List<DateTimeOffset>? window, DateTimeOffset? windowStart, DateTimeOffset at, int cap)
    {
        window ??= [];
        if (windowStart is { } start)
        {
            window.RemoveAll(t => t < start);
        }

        window.Add(at);
        if (window.Count > cap)
        {
            window.RemoveRange(0, window.Count - cap);
        }

        return window;
    }
}
