namespace AccountGrains.Domain;

public static partial class AccountDecider
{
    private static DomainError? DecideGrant(AccountState state, GrantVerification cmd, in DecisionContext context, EventBatch batch)
    {
        if (Text.Invalid(cmd.Category, "category", required: true, context.Options.MaxTextLength) is { } bad)
        {
            return Error(DomainErrorCode.InvalidArgument, bad);
        }

        var now = context.Now;
        if (state.Locks.FirstOrDefault(l => LockReasons.RevokesBadge(l.Reason) && l.IsActiveAt(now)) is { } blocking)
        {
            return Error(DomainErrorCode.FailedPrecondition, $"The account has an active {Names.Of(blocking.Reason)} lock ({blocking.LockId}).");
        }

        if (state.Badge is { Status: BadgeStatus.Verified } badge && badge.Category == cmd.Category)
        {
            return null;
        }

        batch.Add(new VerificationGranted(cmd.Category), cmd.Category);
        return null;
    }

    private static DomainError? DecideRevoke(AccountState state, RevokeVerification cmd, in DecisionContext context, EventBatch batch)
    {
        if (Text.Invalid(cmd.Reason, "reason", required: true, context.Options.MaxTextLength) is { } bad)
        {
            return Error(DomainErrorCode.InvalidArgument, bad);
        }

        if (state.Badge.Status != BadgeStatus.Verified)
        {
            return Error(DomainErrorCode.FailedPrecondition, "The account has no verification badge to revoke.");
        }

        if (state.HighProfile && context.Options.DualControl.HighProfileBadgeRevoke)
        {
            return OpenRevokeRequest(state, cmd, context, batch);
        }

        batch.Add(new VerificationRevoked(cmd.Reason), cmd.Reason);
        return null;
    }

    private static DomainError? DecideHighProfile(AccountState state, SetHighProfile cmd, EventBatch batch)
    {
        if (state.HighProfile != cmd.HighProfile)
        {
            batch.Add(new HighProfileChanged(cmd.HighProfile), null);
        }

        return null;
    }
}
