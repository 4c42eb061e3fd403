using AccountGrains.Contracts.V1;
using AccountGrains.Storage.Reports;
using Google.Protobuf.WellKnownTypes;

namespace AccountGrains.Gateway;

/// <summary>The report store's rows as <see cref="GetReportReply"/>: periods, counters by dimension, percentiles, the busiest actors.</summary>
internal static class ReportMapping
{
    public const int MaxDays = 366;

    /// <summary>The request's days; throws INVALID_ARGUMENT for a missing, empty, reversed or too long range, or no granularity.</summary>
    public static (DateOnly From, DateOnly To, int TopActors) Validate(GetReportRequest request)
    {
        if (request.From is null || request.To is null)
        {
            throw GatewayErrors.InvalidArgument("from and to are required.");
        }

        var from = DateOnly.FromDateTime(request.From.ToDateTime());
        var to = DateOnly.FromDateTime(request.To.ToDateTime());
        if (to <= from || to.DayNumber - from.DayNumber > MaxDays)
        {
            throw GatewayErrors.InvalidArgument($"to must be after from, by at most {MaxDays} days.");
        }

        if (request.Granularity is ReportGranularity.Unspecified || !System.Enum.IsDefined(request.Granularity))
        {
            throw GatewayErrors.InvalidArgument("granularity is required (UNSPECIFIED is refused).");
        }

        if (request.TopActors is < 0 or > 100)
        {
            throw GatewayErrors.InvalidArgument("top_actors must be 0 to 100.");
        }

        return (from, to, request.TopActors == 0 ? 10 : request.TopActors);
    }

    public static GetReportReply ToReply(ReportRows rows, DateOnly from, DateOnly to, ReportGranularity granularity, int topActors)
    {
        var reply = new GetReportReply();
        foreach (var (start, end) in Periods(from, to, granularity))
        {
            var counts = rows.Counts.Where(c => c.Day >= start && c.Day < end).ToList();
            var samples = rows.Samples.Where(s => s.Day >= start && s.Day < end).ToList();
            var period = new ReportPeriod { Start = Midnight(start), End = Midnight(end), CompromisedToRecovery = Durations(samples) };
            period.LocksPlaced.Add(Locks(counts, ReportMetrics.LockPlaced));
            period.LocksLifted.Add(Locks(counts, ReportMetrics.LockLifted));
            period.Recovery.Add(Recovery(counts, samples));
            period.BadgesGranted.Add(Keys(counts.Where(c => c.Metric == ReportMetrics.BadgeGranted)));
            period.BadgesRevoked.Add(Keys(counts.Where(c => c.Metric == ReportMetrics.BadgeRevoked)));
            period.BusiestActors.Add(Actors(counts, topActors));
            period.AutomaticRules.Add(FeedbackReportMapping.AutomaticRules(counts));
            period.AgentQuality.Add(QualityReportMapping.PerAgent(counts));
            period.VendorQuality.Add(QualityReportMapping.PerVendor(counts));
            reply.Periods.Add(period);
        }

        return reply;
    }

    /// <summary>Linear interpolation between closest ranks (PostgreSQL's <c>percentile_cont</c>) over sorted values.</summary>
    public static double Percentile(IReadOnlyList<long> sorted, double fraction)
    {
        var rank = fraction * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Count - 1);
        return sorted[low] + ((rank - low) * (sorted[high] - sorted[low]));
    }

    private static IEnumerable<(DateOnly Start, DateOnly End)> Periods(DateOnly from, DateOnly to, ReportGranularity granularity)
    {
        var start = from;
        while (start < to)
        {
            var next = granularity switch
            {
                ReportGranularity.Day => start.AddDays(1),
                ReportGranularity.Week => start.AddDays(7 - (((int)start.DayOfWeek + 6) % 7)),
                ReportGranularity.Month => new DateOnly(start.Year, start.Month, 1).AddMonths(1),
                _ => to,
            };
            var end = next < to ? next : to;
            yield return (start, end);
            start = end;
        }
    }

    private static Timestamp Midnight(DateOnly day) => Timestamp.FromDateTime(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));

    private static IEnumerable<LockCount> Locks(List<ReportCount> counts, string metric) =>
        counts.Where(c => c.Metric == metric)
            .GroupBy(c => (c.Key, c.Detail))
            .Select(g => new LockCount
            {
                Reason = Parse<LockReason>(g.Key.Key),
                Automatic = g.Key.Detail is ReportMetrics.Automatic or ReportMetrics.Expiry or ReportMetrics.Recovery,
                EndedBy = metric == ReportMetrics.LockPlaced ? LockEnd.Unspecified : g.Key.Detail switch
                {
                    ReportMetrics.Manual => LockEnd.Manual,
                    ReportMetrics.Recovery => LockEnd.Recovery,
                    _ => LockEnd.Expiry,
                },
                Count = g.Sum(c => c.Delta),
            })
            .OrderBy(l => l.Reason).ThenBy(l => l.Automatic).ThenBy(l => l.EndedBy);

    private static IEnumerable<RecoveryChannelCounts> Recovery(List<ReportCount> counts, List<ReportSample> samples)
    {
        var attempts = samples.Where(s => s.Metric == ReportMetrics.RecoveryAttempt).ToList();
        var channels = counts.Where(c => c.Metric == ReportMetrics.RecoveryStarted).Select(c => c.Key).Concat(attempts.Select(s => s.Label)).Distinct();
        return channels
            .Select(channel => new RecoveryChannelCounts
            {
                Channel = Parse<RecoveryChannel>(channel),
                Started = counts.Where(c => c.Metric == ReportMetrics.RecoveryStarted && c.Key == channel).Sum(c => c.Delta),
                Completed = attempts.Count(s => s.Label == channel && s.Outcome == "completed"),
                Burned = attempts.Count(s => s.Label == channel && s.Outcome == "burned"),
                Expired = attempts.Count(s => s.Label == channel && s.Outcome == "expired"),
            })
            .OrderBy(r => r.Channel);
    }

    private static DurationSummary Durations(List<ReportSample> samples)
    {
        var micros = samples.Where(s => s.Metric == ReportMetrics.CompromisedLock && s.Outcome == ReportMetrics.Recovery).Select(s => s.Micros).Order().ToList();
        var summary = new DurationSummary { Count = micros.Count };
        if (micros.Count > 0)
        {
            summary.Median = Micros(Percentile(micros, 0.5));
            summary.P90 = Micros(Percentile(micros, 0.9));
        }

        return summary;
    }

    private static Duration Micros(double micros) => Duration.FromTimeSpan(TimeSpan.FromTicks((long)Math.Round(micros * 10)));

    private static IEnumerable<KeyCount> Keys(IEnumerable<ReportCount> counts) =>
        counts.GroupBy(c => c.Key)
            .Select(g => new KeyCount { Key = g.Key, Count = g.Sum(c => c.Delta) })
            .OrderByDescending(k => k.Count).ThenBy(k => k.Key, StringComparer.Ordinal);

    private static IEnumerable<ActorActivity> Actors(List<ReportCount> counts, int top) =>
        counts.Where(c => c.Metric == ReportMetrics.ActorAction)
            .GroupBy(c => c.Key)
            .Select(g =>
            {
                var activity = new ActorActivity { Actor = g.Key, Total = g.Sum(c => c.Delta) };
                activity.Actions.Add(g.GroupBy(c => c.Detail)
                    .Select(a => new KeyCount { Key = a.Key, Count = a.Sum(c => c.Delta) })
                    .OrderByDescending(k => k.Count).ThenBy(k => k.Key, StringComparer.Ordinal));
                return activity;
            })
            .OrderByDescending(a => a.Total).ThenBy(a => a.Actor, StringComparer.Ordinal)
            .Take(top);

    /// <summary>An UPPER_SNAKE name as written to history (<c>SUSPICIOUS_ACTIVITY</c>) as the proto enum, unspecified when unknown.</summary>
    private static T Parse<T>(string name)
        where T : struct, System.Enum =>
        System.Enum.TryParse<T>(name.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var value) ? value : default;
}
