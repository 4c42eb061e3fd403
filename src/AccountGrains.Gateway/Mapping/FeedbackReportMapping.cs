using AccountGrains.Contracts.V1;
using AccountGrains.Storage.Reports;

namespace AccountGrains.Gateway;

/// <summary>Each automatic rule's locks and feedback labels in a period, and its false-positive rate: the figure that tunes its thresholds.</summary>
internal static class FeedbackReportMapping
{
    private const string FalsePositive = "FALSE_POSITIVE";
    private const string ConfirmedCompromise = "CONFIRMED_COMPROMISE";

    public static IEnumerable<AutomaticRuleFeedback> AutomaticRules(List<ReportCount> counts)
    {
        var placed = counts.Where(c => c.Metric == ReportMetrics.LockPlaced && c.Detail == ReportMetrics.Automatic).ToList();
        var labels = counts.Where(c => c.Metric == ReportMetrics.AutomaticLockLabel).ToList();
        return placed.Select(c => c.Key).Concat(labels.Select(c => c.Key)).Distinct(StringComparer.Ordinal)
            .Select(rule =>
            {
                var fp = labels.Where(c => c.Key == rule && c.Detail == FalsePositive).Sum(c => c.Delta);
                var confirmed = labels.Where(c => c.Key == rule && c.Detail == ConfirmedCompromise).Sum(c => c.Delta);
                return new AutomaticRuleFeedback
                {
                    Rule = ParseReason(rule),
                    LocksPlaced = placed.Where(c => c.Key == rule).Sum(c => c.Delta),
                    FalsePositive = fp,
                    ConfirmedCompromise = confirmed,
                    Labelled = fp + confirmed,
                    FalsePositiveRate = fp + confirmed == 0 ? 0 : (double)fp / (fp + confirmed),
                };
            })
            .OrderBy(r => r.Rule);
    }

    private static LockReason ParseReason(string name) =>
        System.Enum.TryParse<LockReason>(name.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var value) ? value : LockReason.Unspecified;
}
