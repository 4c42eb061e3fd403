namespace AccountGrains.Domain;

/// <summary>An action under dual control was asked for: nothing happened yet, a request waits for a second person.</summary>
/// <param name="Version">The version after.</param>
/// <param name="Request">The pending request.</param>
public sealed record RequestOpenedOutcome(long Version, PendingRequest Request) : CommandOutcome(Version);

/// <summary>A request was approved (and its action done) or rejected.</summary>
/// <param name="Version">The version after.</param>
/// <param name="RequestId">The request.</param>
/// <param name="Approved">Approved (the action happened) or rejected.</param>
/// <param name="LiftedLockIds">For an approved unlock: the locks lifted.</param>
/// <param name="BadgeRevoked">For an approved revocation: whether the badge was revoked (false when it was gone already).</param>
public sealed record RequestAnsweredOutcome(long Version, string RequestId, bool Approved, IReadOnlyList<string> LiftedLockIds, bool BadgeRevoked) : CommandOutcome(Version);

/// <summary>The outcomes of the workflow commands, and of an unlock or revocation that opened a request, from their events.</summary>
internal static class WorkflowOutcomes
{
    public static CommandOutcome? TryBuild(AccountCommand command, IReadOnlyList<AccountEvent> events, long version)
    {
        switch (command)
        {
            case UnlockAccount or RevokeVerification when events.OfType<DualControlRequested>().FirstOrDefault() is { } requested:
                return new RequestOpenedOutcome(version, PendingOf(requested));
            case ApproveRequest c:
                return new RequestAnsweredOutcome(version, c.RequestId, true, [.. events.OfType<LockLifted>().Select(e => e.LockId)], events.OfType<VerificationRevoked>().Any());
            case RejectRequest c:
                return new RequestAnsweredOutcome(version, c.RequestId, false, [], false);
            case FileAppeal:
                var filed = events.OfType<AppealFiled>().First();
                return new AppealFiledOutcome(version, new OpenAppeal(filed.AppealId, filed.LockId, filed.Actor, filed.At, filed.Statement));
            case DecideAppeal:
                var decided = events.OfType<AppealDecided>().First();
                return new AppealDecidedOutcome(version, decided.AppealId, decided.Decision, [.. events.OfType<LockLifted>().Select(e => e.LockId)]);
            case LabelAutomaticLock:
                var labelled = events.OfType<AutomaticLockLabelled>().First();
                return new LabelOutcome(version, labelled.LockId, labelled.Rule, labelled.Label);
            case RecordAuditVerdict:
                return new AuditVerdictOutcome(version, events.OfType<AuditVerdictRecorded>().First());
            default:
                return null;
        }
    }

    /// <summary>Which workflow command wrote a batch, told from its first event; <see langword="null"/> for another event.</summary>
    public static Operation? OperationOf(AccountEvent first) => first switch
    {
        DualControlRequested { Action: DualControlAction.Unlock } => Operation.Unlock,
        DualControlRequested => Operation.RevokeVerification,
        DualControlApproved => Operation.ApproveRequest,
        DualControlRejected => Operation.RejectRequest,
        AppealFiled => Operation.FileAppeal,
        AppealDecided => Operation.DecideAppeal,
        AutomaticLockLabelled => Operation.LabelAutomaticLock,
        AuditVerdictRecorded => Operation.RecordAuditVerdict,
        _ => null,
    };

    public static PendingRequest PendingOf(DualControlRequested e) =>
        new(e.RequestId, e.Action, e.Actor, e.Requester, e.At, e.ExpiresAt, e.RequestReason, e.Scope, e.LockIds, e.LockReason);
}
