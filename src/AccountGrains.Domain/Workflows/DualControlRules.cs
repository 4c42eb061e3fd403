namespace AccountGrains.Domain;

/// <summary>Dual control: which unlocks and revocations open a request, and approving or rejecting one.</summary>
public static partial class AccountDecider
{
    /// <summary>The id of a request opened by the event at <paramref name="seq"/>.</summary>
    public static string RequestIdFor(long seq) => "request-" + seq.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether lifting <paramref name="targets"/> needs a second person under <paramref name="options"/>.</summary>
    internal static bool UnlockNeedsDualControl(AccountState state, IReadOnlyList<AccountLock> targets, DualControlOptions options) =>
        targets.Count > 0 && ((options.HighProfileUnlock && state.HighProfile) || (options.IdentityLockLift && targets.Any(t => LockReasons.RevokesBadge(t.Reason))));

    private static DomainError? OpenUnlockRequest(AccountState state, UnlockAccount cmd, IReadOnlyList<AccountLock> targets, in DecisionContext context, EventBatch batch) =>
        OpenRequest(state, context, batch, new DualControlRequested(
            RequestIdFor(batch.NextSeq), DualControlAction.Unlock, DualControlPeople.PersonOf(cmd.Actor), context.Now + context.Options.DualControl.RequestLifetime,
            cmd.Scope, [.. targets.Select(t => t.LockId)], cmd.Scope == UnlockScope.ByReason ? cmd.LockReason : null, cmd.Note), cmd.Note);

    private static DomainError? OpenRevokeRequest(AccountState state, RevokeVerification cmd, in DecisionContext context, EventBatch batch) =>
        OpenRequest(state, context, batch, new DualControlRequested(
            RequestIdFor(batch.NextSeq), DualControlAction.RevokeVerification, DualControlPeople.PersonOf(cmd.Actor), context.Now + context.Options.DualControl.RequestLifetime,
            RequestReason: cmd.Reason), cmd.Reason);

    private static DomainError? OpenRequest(AccountState state, in DecisionContext context, EventBatch batch, DualControlRequested request, string? reason)
    {
        var now = context.Now;
        var max = context.Options.DualControl.MaxPendingRequests;
        if (state.PendingRequests.Count(r => r.IsOpenAt(now)) >= max)
        {
            return Error(DomainErrorCode.ResourceExhausted, $"The account already has {max} pending requests.");
        }

        batch.Add(request, reason);
        return null;
    }

    private static DomainError? DecideApprove(AccountState state, ApproveRequest cmd, in DecisionContext context, EventBatch batch)
    {
        if (CheckAnswer(state, cmd.Actor, cmd.RequestId, cmd.Note, "approve", context) is { } error)
        {
            return error;
        }

        var now = context.Now;
        var request = state.PendingRequests.First(r => r.RequestId == cmd.RequestId);
        batch.Add(new DualControlApproved(request.RequestId, request.Action, request.Requester), cmd.Note);
        switch (request.Action)
        {
            case DualControlAction.Unlock:
                // Exactly the locks asked about that are still in force: a lock placed since is not the approver's to lift.
                var ids = request.LockIds ?? [];
                LiftAll(state, now, batch, l => ids.Contains(l.LockId), LiftCause.Manual, request.Reason);
                break;
            case DualControlAction.RevokeVerification when state.Badge.Status == BadgeStatus.Verified:
                batch.Add(new VerificationRevoked(request.Reason ?? "dual control"), request.Reason);
                break;
            default:
                break;
        }

        return null;
    }

    private static DomainError? DecideReject(AccountState state, RejectRequest cmd, in DecisionContext context, EventBatch batch)
    {
        if (CheckAnswer(state, cmd.Actor, cmd.RequestId, cmd.Reason, "reject", context) is { } error)
        {
            return error;
        }

        var request = state.PendingRequests.First(r => r.RequestId == cmd.RequestId);
        batch.Add(new DualControlRejected(request.RequestId, request.Action), cmd.Reason);
        return null;
    }

    // The four-eyes rule, for approving and rejecting alike.
    private static DomainError? CheckAnswer(AccountState state, Actor actor, string requestId, string? note, string verb, in DecisionContext context)
    {
        if (actor.Role == ActorRole.Vendor)
        {
            return Error(DomainErrorCode.PermissionDenied, $"A vendor may not {verb} a request.");
        }

        if ((Text.Invalid(requestId, "request id", required: true, context.Options.MaxTextLength) ?? Text.Invalid(note, "note", required: false, context.Options.MaxTextLength)) is { } bad)
        {
            return Error(DomainErrorCode.InvalidArgument, bad);
        }

        var request = state.PendingRequests.FirstOrDefault(r => r.RequestId == requestId);
        if (request is null)
        {
            return Error(DomainErrorCode.NotFound, $"No pending request {requestId}.");
        }

        if (!request.IsOpenAt(context.Now))
        {
            return Error(DomainErrorCode.FailedPrecondition, $"Request {requestId} lapsed at {request.ExpiresAt:O}.");
        }

        return DualControlPeople.PersonOf(actor) == request.Requester
            ? Error(DomainErrorCode.PermissionDenied, $"Nobody may {verb} their own request ({requestId} was asked by {request.Requester}).")
            : null;
    }

    private static void LapseRequests(AccountState state, DateTimeOffset now, EventBatch batch)
    {
        foreach (var r in state.PendingRequests.Where(r => !r.IsOpenAt(now)))
        {
            batch.Add(new DualControlLapsed(r.RequestId, r.Action), "expired");
        }
    }
}
