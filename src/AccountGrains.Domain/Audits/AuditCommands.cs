namespace AccountGrains.Domain;

/// <summary>
/// A reviewer recorded a verdict on one sampled action (<c>AuditVerdictRecorded</c>), in the audited account's history.
/// The note is the event's reason. It names the audited action (seq, type, actor, role) so readers of the log (the
/// reporting projection) need not look it up.
/// </summary>
/// <param name="ActionSeq">The audited event's seq in this account's history.</param>
/// <param name="ActionType">Its type name.</param>
/// <param name="ActionActor">Its actor as history wrote it.</param>
/// <param name="ActionRole">The role it acted in (agent or vendor).</param>
/// <param name="Verdict">Correct or incorrect.</param>
/// <param name="GuidelineRef">The guideline the verdict refers to.</param>
public sealed record AuditVerdictRecorded(long ActionSeq, string ActionType, string ActionActor, ActorRole ActionRole, AuditVerdict Verdict, string GuidelineRef) : AccountEvent;

/// <summary>Record a verdict on the action at <paramref name="ActionSeq"/> (<see cref="AuditRules.CheckVerdict"/>).</summary>
/// <param name="Actor">The reviewer: an auditor or an admin.</param>
/// <param name="ActionSeq">The audited event's seq.</param>
/// <param name="Action">That event as history recorded it; <see langword="null"/> when no event has that seq (NOT_FOUND).</param>
/// <param name="Sampling">The sampling shares in force (the grain's validated <see cref="AuditOptions"/>).</param>
/// <param name="Verdict">Correct or incorrect.</param>
/// <param name="GuidelineRef">The guideline referred to (required).</param>
/// <param name="Note">A note, written as the event's reason.</param>
public sealed record RecordAuditVerdict(Actor Actor, long ActionSeq, AuditedAction? Action, AuditOptions Sampling, AuditVerdict Verdict, string? GuidelineRef, string? Note = null)
    : AccountCommand(Actor)
{
    /// <inheritdoc/>
    public override Operation Operation => Operation.RecordAuditVerdict;
}

/// <summary>A verdict was recorded.</summary>
/// <param name="Version">The version after.</param>
/// <param name="Verdict">The event written.</param>
public sealed record AuditVerdictOutcome(long Version, AuditVerdictRecorded Verdict) : CommandOutcome(Version);

/// <summary>The quality-audit rules of the decider.</summary>
public static partial class AccountDecider
{
    private static DomainError? DecideAuditVerdict(AccountState state, RecordAuditVerdict cmd, EventBatch batch)
    {
        if (cmd.ActionSeq <= 0)
        {
            return Error(DomainErrorCode.InvalidArgument, "The audited action's seq is 1 or more.");
        }

        if (cmd.Action is not { } action)
        {
            return Error(DomainErrorCode.NotFound, $"The account has no event {cmd.ActionSeq}.");
        }

        if (AuditRules.CheckVerdict(cmd.Sampling, cmd.Actor, action, cmd.Verdict, cmd.GuidelineRef, cmd.Note, state.IsAudited(cmd.ActionSeq)) is { } refused)
        {
            return refused;
        }

        batch.Add(new AuditVerdictRecorded(cmd.ActionSeq, action.EventType, action.Actor, action.Role, cmd.Verdict, cmd.GuidelineRef!), cmd.Note);
        return null;
    }
}
