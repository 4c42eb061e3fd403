using AccountGrains.Domain;
using AccountGrains.Storage.Reports;

namespace AccountGrains.Streaming.Reporting;

/// <summary>
/// The reporting projection's fold: what each event adds to the report. Pure: the same events give the same
/// changes, so a rebuild from position zero gives the same report as the live run.
/// </summary>
internal static class ReportProjection
{
    private const string SystemActor = "system";

    /// <summary>The changes a run of one partition's events makes, in position order, with the default audit shares.</summary>
    public static ReportChanges Project(IEnumerable<LoggedEvent> events) => Project(events, AuditOptions.Default);

    /// <summary>The changes a run of one partition's events makes, in position order; <paramref name="audits"/> decides which actions are sampled.</summary>
    public static ReportChanges Project(IEnumerable<LoggedEvent> events, AuditOptions audits)
    {
        var counts = new List<ReportCount>();
        var opened = new List<ReportIntervalStart>();
        var closed = new List<ReportIntervalEnd>();
        var queued = new List<QueueChange>();
        foreach (var logged in events)
        {
            var evt = logged.ToDomainEvent();
            Add(logged, evt, counts, opened, closed);
            WorkflowProjection.Add(logged, evt, audits, counts, queued);
        }

        return new ReportChanges(counts, opened, closed, queued);
    }

    private static void Add(LoggedEvent logged, AccountEvent evt, List<ReportCount> counts, List<ReportIntervalStart> opened, List<ReportIntervalEnd> closed)
    {
        var day = DateOnly.FromDateTime(logged.At.UtcDateTime);
        var account = logged.AccountId;
        void Count(string metric, string key, string detail = "") => counts.Add(new ReportCount(day, metric, key, detail, 1));

        if (logged.Actor != SystemActor)
        {
            Count(ReportMetrics.ActorAction, logged.Actor, logged.Type);
        }

        switch (evt)
        {
            case LockPlaced placed:
                Count(ReportMetrics.LockPlaced, Name(placed.LockReason), logged.Actor == SystemActor ? ReportMetrics.Automatic : ReportMetrics.Manual);
                if (placed.LockReason == LockReason.Compromised)
                {
                    opened.Add(new ReportIntervalStart(ReportMetrics.CompromisedLock, account, placed.LockId, Name(placed.LockReason), logged.At));
                }

                break;
            case LockLifted lifted:
                var how = lifted.Cause == LiftCause.Recovery ? ReportMetrics.Recovery : ReportMetrics.Manual;
                Count(ReportMetrics.LockLifted, Name(lifted.LockReason), how);
                closed.Add(new ReportIntervalEnd(ReportMetrics.CompromisedLock, account, lifted.LockId, how, logged.At));
                break;
            case LockExpired expired:
                Count(ReportMetrics.LockLifted, Name(expired.LockReason), ReportMetrics.Expiry);
                closed.Add(new ReportIntervalEnd(ReportMetrics.CompromisedLock, account, expired.LockId, ReportMetrics.Expiry, logged.At));
                break;
            case RecoveryStarted started:
                Count(ReportMetrics.RecoveryStarted, Name(started.Channel));
                if (started.ReplacedAttemptId is { } replaced)
                {
                    closed.Add(new ReportIntervalEnd(ReportMetrics.RecoveryAttempt, account, replaced, "replaced", logged.At));
                }

                opened.Add(new ReportIntervalStart(ReportMetrics.RecoveryAttempt, account, started.AttemptId, Name(started.Channel), logged.At));
                break;
            case RecoveryCompleted completed:
                closed.Add(new ReportIntervalEnd(ReportMetrics.RecoveryAttempt, account, completed.AttemptId, "completed", logged.At));
                break;
            case RecoveryAttemptBurned burned:
                closed.Add(new ReportIntervalEnd(ReportMetrics.RecoveryAttempt, account, burned.AttemptId, "burned", logged.At));
                break;
            case RecoveryAttemptExpired attemptExpired:
                closed.Add(new ReportIntervalEnd(ReportMetrics.RecoveryAttempt, account, attemptExpired.AttemptId, "expired", logged.At));
                break;
            case VerificationGranted granted:
                Count(ReportMetrics.BadgeGranted, granted.Category);
                break;
            case VerificationRevoked revoked:
                Count(ReportMetrics.BadgeRevoked, revoked.RevocationReason);
                break;
            case AutomaticLockLabelled labelled:
                Count(ReportMetrics.AutomaticLockLabel, Name(labelled.Rule), Name(labelled.Label));
                break;
            default:
                break;
        }
    }

    /// <summary>Enum members as history writes them: UPPER_SNAKE (<c>SUSPICIOUS_ACTIVITY</c>).</summary>
    internal static string Name<T>(T value)
        where T : struct, Enum =>
        string.Concat(value.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : char.ToUpperInvariant(c).ToString()));
}
