using AccountGrains.Abstractions;
using AccountGrains.Domain;

namespace AccountGrains.Grains;

/// <summary>The integrity workflows (<see cref="IAccountWorkflowGrain"/>): each a domain command, like the core calls.</summary>
internal sealed partial class AccountGrain : IAccountWorkflowGrain
{
    /// <inheritdoc />
    public async ValueTask<RequestAnswerResult> ApproveRequest(Caller caller, AnswerRequest request, CancellationToken cancellationToken = default)
    {
        Required(request);
        var command = new Domain.ApproveRequest(CallerMapping.ToActor(caller), request.RequestId, request.Note) { IdempotencyKey = request.IdempotencyKey };
        return Answer(await RunAsync<RequestAnsweredOutcome>(command, cancellationToken));
    }

    /// <inheritdoc />
    public async ValueTask<RequestAnswerResult> RejectRequest(Caller caller, AnswerRequest request, CancellationToken cancellationToken = default)
    {
        Required(request);
        var command = new Domain.RejectRequest(CallerMapping.ToActor(caller), request.RequestId, request.Note) { IdempotencyKey = request.IdempotencyKey };
        return Answer(await RunAsync<RequestAnsweredOutcome>(command, cancellationToken));
    }

    /// <inheritdoc />
    public async ValueTask<AppealResult> FileAppeal(Caller caller, FileAppealRequest request, CancellationToken cancellationToken = default)
    {
        Required(request);
        var command = new Domain.FileAppeal(CallerMapping.ToActor(caller), request.LockId, request.Statement) { IdempotencyKey = request.IdempotencyKey };
        var o = await RunAsync<AppealFiledOutcome>(command, cancellationToken);
        return new AppealResult(o.Version, WorkflowMapping.ToAppeal(o.Appeal), o.Replayed, Posture());
    }

    /// <inheritdoc />
    public async ValueTask<AppealDecisionResult> DecideAppeal(Caller caller, DecideAppealRequest request, CancellationToken cancellationToken = default)
    {
        Required(request);
        var command = new Domain.DecideAppeal(CallerMapping.ToActor(caller), request.AppealId, WorkflowMapping.ToDomain(request.Decision), request.Reason) { IdempotencyKey = request.IdempotencyKey };
        var o = await RunAsync<AppealDecidedOutcome>(command, cancellationToken);
        return new AppealDecisionResult(o.Version, o.AppealId, WorkflowMapping.ToAbstractions(o.Decision), o.LiftedLockIds, o.Replayed, Posture());
    }

    /// <inheritdoc />
    public async ValueTask<LabelResult> LabelAutomaticLock(Caller caller, LabelLockRequest request, CancellationToken cancellationToken = default)
    {
        Required(request);
        var command = new Domain.LabelAutomaticLock(CallerMapping.ToActor(caller), request.LockId, WorkflowMapping.ToDomain(request.Label), request.Note) { IdempotencyKey = request.IdempotencyKey };
        var o = await RunAsync<LabelOutcome>(command, cancellationToken);
        return new LabelResult(o.Version, o.LockId, EnumMapping.ToAbstractions(o.Rule), WorkflowMapping.ToAbstractions(o.Label), o.Replayed, Posture());
    }

    /// <inheritdoc />
    public async ValueTask<AuditVerdictResult> RecordAuditVerdict(Caller caller, AuditVerdictRequest request, CancellationToken cancellationToken = default)
    {
        EnsureValidId();
        Required(request);
        var verdict = WorkflowMapping.ToDomain(request.Verdict);

        // A store that cannot be reached is UNAVAILABLE here as in every other call (the read comes before the command's).
        var action = request.ActionSeq > 0 ? await GuardStoreAsync(ReadAuditedActionAsync(request.ActionSeq, cancellationToken)) : null;
        var command = new Domain.RecordAuditVerdict(CallerMapping.ToActor(caller), request.ActionSeq, action, _context.Audits, verdict, request.GuidelineRef, request.Note)
        {
            IdempotencyKey = request.IdempotencyKey,
        };
        var o = await RunAsync<AuditVerdictOutcome>(command, cancellationToken);
        var e = o.Verdict;
        return new AuditVerdictResult(o.Version, e.ActionSeq, e.ActionType, e.ActionActor, WorkflowMapping.ToAbstractions(e.Verdict), o.Replayed, Posture());
    }

    // The audited event from the store (the state keeps no past events); its role is in the payload, absent on events
    // written before roles were recorded, which are then not sampled (Unspecified is neither agent nor vendor).
    private async ValueTask<AuditedAction?> ReadAuditedActionAsync(long seq, CancellationToken cancellationToken)
    {
        var stored = await _context.Store.ReadStreamAsync(AccountId, seq - 1, 1, cancellationToken);
        if (stored.Count == 0 || stored[0].Seq != seq)
        {
            return null;
        }

        var evt = StoreEventMapping.ToEvent(stored[0]);
        return new AuditedAction(AuditSampling.EventId(AccountId, seq), stored[0].Event.Type, evt.Actor, evt.ActorRole ?? default);
    }

    private RequestAnswerResult Answer(RequestAnsweredOutcome o) =>
        new(o.Version, o.RequestId, o.Approved, o.LiftedLockIds, o.BadgeRevoked, o.Replayed, Posture());
}
