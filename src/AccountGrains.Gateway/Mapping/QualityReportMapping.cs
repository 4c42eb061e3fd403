using AccountGrains.Contracts.V1;
using AccountGrains.Storage.Reports;

namespace AccountGrains.Gateway;

/// <summary>Quality audits in a period: sampled actions and verdicts per audited person, and per vendor (a vendor key's agents together).</summary>
internal static class QualityReportMapping
{
    private const string Vendor = "vendor";

    public static IEnumerable<ActorQuality> PerAgent(List<ReportCount> counts) => Summarise(Audit(counts), c => c.Key);

    // A vendor's agents act under its key: history writes key/agent, so the vendor is the part before the slash.
    public static IEnumerable<ActorQuality> PerVendor(List<ReportCount> counts) =>
        Summarise(Audit(counts).Where(c => c.Detail == Vendor), c => c.Key.Split('/', 2)[0]);

    private static IEnumerable<ReportCount> Audit(List<ReportCount> counts) =>
        counts.Where(c => c.Metric is ReportMetrics.AuditSampled or ReportMetrics.AuditCorrect or ReportMetrics.AuditIncorrect);

    private static IEnumerable<ActorQuality> Summarise(IEnumerable<ReportCount> counts, Func<ReportCount, string> actorOf) =>
        counts.GroupBy(c => (Actor: actorOf(c), Role: c.Detail))
            .Select(g =>
            {
                var correct = g.Where(c => c.Metric == ReportMetrics.AuditCorrect).Sum(c => c.Delta);
                var incorrect = g.Where(c => c.Metric == ReportMetrics.AuditIncorrect).Sum(c => c.Delta);
                return new ActorQuality
                {
                    Actor = g.Key.Actor,
                    Role = g.Key.Role,
                    Sampled = g.Where(c => c.Metric == ReportMetrics.AuditSampled).Sum(c => c.Delta),
                    Correct = correct,
                    Incorrect = incorrect,
                    Reviewed = correct + incorrect,
                    CorrectRate = correct + incorrect == 0 ? 0 : (double)correct / (correct + incorrect),
                };
            })
            .OrderByDescending(q => q.Sampled).ThenBy(q => q.Actor, StringComparer.Ordinal);
}
