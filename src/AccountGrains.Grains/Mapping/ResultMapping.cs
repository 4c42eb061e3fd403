using A = AccountGrains.Abstractions;
using D = AccountGrains.Domain;

namespace AccountGrains.Grains;

/// <summary>The domain's read model as the interface's serializable records.</summary>
internal static class ResultMapping
{
    public static A.VerifyResult ToAbstractions(in D.VerifyResult result) =>
        new(EnumMapping.ToAbstractions(result.Decision), EnumMapping.ToAbstractions(result.Reasons), result.Version, result.SessionsValidAfter);

    public static A.AccountPosture ToPosture(string accountId, D.AccountView view, D.AccountRulesOptions rules)
    {
        var locks = new A.AccountLock[view.Locks.Count];
        for (var i = 0; i < locks.Length; i++)
        {
            var l = view.Locks[i];
            locks[i] = new A.AccountLock(l.LockId, EnumMapping.ToAbstractions(l.Reason), l.PlacedBy, l.PlacedAt, l.ExpiresAt, l.Note);
        }

        return new A.AccountPosture(
            accountId,
            view.Version,
            view.Locked,
            locks,
            EnumMapping.ToAbstractions(view.Risk),
            view.CredentialCompromised,
            view.CredentialResetRequired,
            view.Devices,
            ToBadge(view.Badge),
            view.HighProfile,
            view.SessionsValidAfter,
            ToRecovery(view.Recovery, rules));
    }

    public static A.Badge ToBadge(D.VerificationBadge badge) =>
        new(EnumMapping.ToAbstractions(badge.Status), badge.Category, badge.Since, badge.By, badge.RevokedReason);

    private static A.RecoveryPosture ToRecovery(D.RecoveryStatus recovery, D.AccountRulesOptions rules) =>
        new(
            recovery.OpenAttemptId,
            recovery.Channel is { } c ? EnumMapping.ToAbstractions(c) : null,
            recovery.ExpiresAt,
            recovery.OpenAttemptId is null ? 0 : Math.Max(0, rules.RecoveryMaxFailedTries - recovery.FailedTries),
            recovery.AttemptsInWindow,
            recovery.CooldownUntil);
}
