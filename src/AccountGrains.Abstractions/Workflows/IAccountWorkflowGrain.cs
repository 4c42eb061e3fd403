namespace AccountGrains.Abstractions;

/// <summary>
/// The integrity workflows of one account (DOMAIN.md "Integrity workflows"): answering dual-control requests,
/// appeals, and feedback labels on automatic locks. The same grain as <see cref="IAccountGrain"/> (same key, same
/// activation, same turn order), under its own interface so the workflows read apart from the core calls.
/// </summary>
/// <remarks>
/// The actions under dual control are <see cref="IAccountGrain.Unlock"/> and <see cref="IAccountGrain.RevokeVerification"/>
/// themselves: when one needs a second person, its result carries the <see cref="DualControlRequest"/> it opened
/// instead of acting. Failures are as for <see cref="IAccountGrain"/>.
/// </remarks>
public interface IAccountWorkflowGrain : IGrainWithStringKey
{
    /// <summary>Approves a pending request (never one's own; never a vendor): its action happens now, by the approver.</summary>
    ValueTask<RequestAnswerResult> ApproveRequest(Caller caller, AnswerRequest request, CancellationToken cancellationToken = default);

    /// <summary>Rejects a pending request (never one's own; never a vendor): its action does not happen.</summary>
    ValueTask<RequestAnswerResult> RejectRequest(Caller caller, AnswerRequest request, CancellationToken cancellationToken = default);

    /// <summary>Files the owner's appeal against one lock in force (a platform service; at most one open appeal per lock).</summary>
    ValueTask<AppealResult> FileAppeal(Caller caller, FileAppealRequest request, CancellationToken cancellationToken = default);

    /// <summary>Decides an open appeal (an agent): upheld, or overturned, which lifts exactly its lock.</summary>
    ValueTask<AppealDecisionResult> DecideAppeal(Caller caller, DecideAppealRequest request, CancellationToken cancellationToken = default);

    /// <summary>Labels an automatic lock (an agent), once: a confirmed compromise or a false positive.</summary>
    ValueTask<LabelResult> LabelAutomaticLock(Caller caller, LabelLockRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a reviewer's verdict (an auditor or admin) on one sampled agent or vendor action of this account, once;
    /// never on the reviewer's own action. <see cref="RefusalCode.NotFound"/> when no event has the seq.
    /// </summary>
    ValueTask<AuditVerdictResult> RecordAuditVerdict(Caller caller, AuditVerdictRequest request, CancellationToken cancellationToken = default);
}
