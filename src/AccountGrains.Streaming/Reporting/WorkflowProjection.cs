using AccountGrains.Domain;
using AccountGrains.Storage.Reports;

namespace AccountGrains.Streaming.Reporting;

/// <summary>
/// The integrity workflows' part of the reporting projection: the cross-account queues (sampled actions awaiting a
/// verdict, open dual-control requests, open appeals) and the quality counters. Pure like <see cref="ReportProjection"/>.
/// </summary>
internal static class WorkflowProjection
{
    public static void Add(LoggedEvent logged, AccountEvent evt, AuditOptions audits, List<ReportCount> counts, List<QueueChange> queued)
    {
        var account = logged.AccountId;
        void Count(string metric, string key, string detail) => counts.Add(new ReportCount(DateOnly.FromDateTime(logged.At.UtcDateTime), metric, key, detail, 1));
        void Enqueue(string queue, string id, DateTimeOffset? expires, string payload) => queued.Add(new QueueChange(queue, account, id, logged.Position, expires, payload));
        void Dequeue(string queue, string id) => queued.Add(new QueueChange(queue, account, id, logged.Position, null, null));

        // Sampling is decided from the event id alone: every silo, and a rebuild, queues the same actions.
        if (evt.ActorRole is ActorRole.Agent or ActorRole.Vendor
            && AuditSampling.IsSampled(audits, evt.ActorRole.Value, logged.Type, AuditSampling.EventId(account, logged.Seq)))
        {
            var role = RoleName(evt.ActorRole.Value);
            Count(ReportMetrics.AuditSampled, logged.Actor, role);
            Enqueue(ReportQueues.Audits, SeqId(logged.Seq), null, QueuePayloads.Write(new AuditQueueEntry(logged.Seq, logged.Type, logged.Actor, role, logged.At, logged.Reason)));
        }

        switch (evt)
        {
            case AuditVerdictRecorded v:
                Count(v.Verdict == AuditVerdict.Correct ? ReportMetrics.AuditCorrect : ReportMetrics.AuditIncorrect, v.ActionActor, RoleName(v.ActionRole));
                Dequeue(ReportQueues.Audits, SeqId(v.ActionSeq));
                break;
            case DualControlRequested r:
                Enqueue(ReportQueues.Requests, r.RequestId, r.ExpiresAt, QueuePayloads.Write(new RequestQueueEntry(
                    r.RequestId, ReportProjection.Name(r.Action), logged.Actor, logged.At, r.ExpiresAt, r.RequestReason, r.LockIds ?? [])));
                break;
            case DualControlApproved a:
                Dequeue(ReportQueues.Requests, a.RequestId);
                break;
            case DualControlRejected j:
                Dequeue(ReportQueues.Requests, j.RequestId);
                break;
            case DualControlLapsed l:
                Dequeue(ReportQueues.Requests, l.RequestId);
                break;
            case AppealFiled f:
                Enqueue(ReportQueues.Appeals, f.AppealId, null, QueuePayloads.Write(new AppealQueueEntry(f.AppealId, f.LockId, logged.Actor, logged.At, f.Statement)));
                break;
            case AppealDecided d:
                Dequeue(ReportQueues.Appeals, d.AppealId);
                break;
            default:
                break;
        }
    }

    private static string RoleName(ActorRole role) => role.ToString().ToLowerInvariant();

    private static string SeqId(long seq) => seq.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
