namespace AccountGrains.Domain;

public static partial class AccountDecider
{
    /// <summary>The id of a lock placed by the event at <paramref name="seq"/>: unique within the account, readable in history.</summary>
    public static string LockIdFor(long seq) => "lock-" + seq.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static DomainError? DecideLock(AccountState state, LockAccount cmd, in DecisionContext context, EventBatch batch)
    {
        if (!LockReasons.IsDefined(cmd.Reason))
        {
            return Error(DomainErrorCode.InvalidArgument, "Unknown lock reason.");
        }

        if (cmd.Reason == LockReason.BruteForce)
        {
            return Error(DomainErrorCode.InvalidArgument, "BRUTE_FORCE locks are placed only by the service.");
        }

        if (cmd.Duration is { } d && d <= TimeSpan.Zero)
        {
            return Error(DomainErrorCode.InvalidArgument, "A lock's duration must be positive.");
        }

        if (Text.Invalid(cmd.Note, "note", required: false, context.Options.MaxTextLength) is { } bad)
        {
            return Error(DomainErrorCode.InvalidArgument, bad);
        }

        var lockId = LockIdFor(batch.NextSeq);
        var reasonName = Names.Of(cmd.Reason);
        batch.Add(new LockPlaced(lockId, cmd.Reason, context.Now + cmd.Duration, cmd.Note, FirstLock: !state.IsLocked(context.Now)), reasonName);
        if (LockReasons.RevokesBadge(cmd.Reason) && state.Badge.Status == BadgeStatus.Verified)
        {
            batch.Add(new VerificationRevoked(reasonName, lockId), reasonName);
        }

        return null;
    }

    private static DomainError? DecideUnlock(AccountState state, UnlockAccount cmd, in DecisionContext context, EventBatch batch)
    {
        if (cmd.Actor.Role == ActorRole.Vendor && state.HighProfile)
        {
            return Error(DomainErrorCode.PermissionDenied, "A vendor may not unlock a high-profile account.");
        }

        if (Text.Invalid(cmd.Note, "note", required: false, context.Options.MaxTextLength) is { } bad)
        {
            return Error(DomainErrorCode.InvalidArgument, bad);
        }

        var now = context.Now;
        if (UnlockTargets(state, cmd, now, out var targets) is { } error)
        {
            return error;
        }

        if (UnlockNeedsDualControl(state, targets, context.Options.DualControl))
        {
            return OpenUnlockRequest(state, cmd, targets, context, batch);
        }

        LiftAll(state, now, batch, targets.Contains, LiftCause.Manual, cmd.Note);
        return null;
    }

    private static DomainError? UnlockTargets(AccountState state, UnlockAccount cmd, DateTimeOffset now, out IReadOnlyList<AccountLock> targets)
    {
        targets = [];
        switch (cmd.Scope)
        {
            case UnlockScope.ById:
                if (string.IsNullOrEmpty(cmd.LockId))
                {
                    return Error(DomainErrorCode.InvalidArgument, "Unlock by id needs a lock id.");
                }

                var target = state.Locks.FirstOrDefault(l => l.LockId == cmd.LockId && l.IsActiveAt(now));
                if (target is null)
                {
                    return Error(DomainErrorCode.NotFound, $"No active lock {cmd.LockId}.");
                }

                targets = [target];
                return null;
            case UnlockScope.ByReason:
                if (cmd.LockReason is not { } reason || !LockReasons.IsDefined(reason))
                {
                    return Error(DomainErrorCode.InvalidArgument, "Unlock by reason needs a valid lock reason.");
                }

                targets = [.. state.ActiveLocks(now).Where(l => l.Reason == reason)];
                return null;
            case UnlockScope.All:
                targets = state.ActiveLocks(now);
                return null;
            default:
                return Error(DomainErrorCode.InvalidArgument, "Unknown unlock scope.");
        }
    }

    private static void LiftAll(AccountState state, DateTimeOffset now, EventBatch batch, Func<AccountLock, bool> which, LiftCause cause, string? reason)
    {
        var active = state.ActiveLocks(now);
        var lifted = active.Where(which).ToList();
        for (var i = 0; i < lifted.Count; i++)
        {
            // Only the lift that leaves nothing in force re-enables the account (RISC account-enabled).
            var last = i == lifted.Count - 1 && lifted.Count == active.Count;
            batch.Add(new LockLifted(lifted[i].LockId, lifted[i].Reason, cause, last), reason);
        }
    }

    private static DomainError? DecideExpiry(AccountState state, in DecisionContext context, EventBatch batch)
    {
        var now = context.Now;
        var expired = state.Locks.Where(l => !l.IsActiveAt(now)).ToList();
        var stillLocked = state.IsLocked(now);
        for (var i = 0; i < expired.Count; i++)
        {
            batch.Add(new LockExpired(expired[i].LockId, expired[i].Reason, LastLock: !stillLocked && i == expired.Count - 1), "expired");
        }

        if (state.OpenAttempt is { } a && a.ExpiresAt <= now)
        {
            batch.Add(new RecoveryAttemptExpired(a.AttemptId), "expired");
        }

        LapseRequests(state, now, batch);
        return null;
    }
}
