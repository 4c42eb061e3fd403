using System.CommandLine;
using System.Globalization;
using AccountGrains.Cli.Output;
using AccountGrains.Contracts.V1;

namespace AccountGrains.Cli.Commands;

/// <summary>history, report and silos: reads shown as tables.</summary>
internal static class ReadCommands
{
    public static Command History()
    {
        var account = ProfileCommands.AccountArgument();
        var after = new Option<long>("--after-seq") { Description = "Start after this event number (0: from the first)." };
        var limit = new Option<int?>("--limit") { Description = "Show at most this many events." };
        var pageSize = new Option<int>("--page-size") { Description = "Events per call (1-1000, default 100).", DefaultValueFactory = _ => 100 };
        var command = new Command("history", "The account's history, oldest first (newest last), read a page at a time.") { account, after, limit, pageSize };
        command.Handle(async (parse, s, ct) =>
        {
            var id = AccountIds.Check(parse.GetValue(account));
            var size = parse.GetValue(pageSize);
            if (size is < 1 or > 1000)
            {
                throw new CliUsageException("--page-size must be 1-1000");
            }

            var max = parse.GetValue(limit) ?? int.MaxValue;
            var events = new List<HistoryEvent>();
            var request = new GetHistoryRequest { AccountId = id, AfterSeq = parse.GetValue(after), PageSize = size };
            while (events.Count < max)
            {
                var page = await s.Accounts.GetHistoryAsync(request, cancellationToken: ct);
                events.AddRange(page.Events.Take(max - events.Count));
                if (!page.HasMore)
                {
                    break;
                }

                request = new GetHistoryRequest { AccountId = id, AfterSeq = page.NextAfterSeq, PageSize = size };
            }

            if (s.Printer.Json)
            {
                s.Printer.WriteJsonArray(events);
            }
            else
            {
                s.Printer.Rows($"history of {id} ({events.Count} events)", Views.HistoryColumns, events.Select(Views.History));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Silos()
    {
        var command = new Command("silos", "The cluster's silos as the answering silo's membership sees them (admin).");
        command.Handle(async (_, s, ct) =>
        {
            var reply = await s.Admin.ListSilosAsync(cancellationToken: ct);
            if (s.Printer.Json)
            {
                s.Printer.WriteJson(reply);
                return ExitCodes.Ok;
            }

            s.Printer.Rows(
                $"silos (answered by {reply.AnsweredBy})",
                ["silo", "address", "status", "generation", "age", "since heartbeat", "activations", "lease expired"],
                reply.Silos.Select(x => new[]
                {
                    x.SiloId, x.Address, ProtoEnums.Short(x.Status), x.Generation.ToString(CultureInfo.InvariantCulture),
                    x.Age is null ? "" : TimeText.Format(x.Age.ToTimeSpan()), x.SinceHeartbeat is null ? "" : TimeText.Format(x.SinceHeartbeat.ToTimeSpan()),
                    x.ActivationCount.ToString(CultureInfo.InvariantCulture), x.LeaseExpired ? "yes" : "no",
                }));
            return ExitCodes.Ok;
        });
        return command;
    }

    public static Command Report()
    {
        var from = new Option<string?>("--from") { Description = "The first UTC day (default 7 days ago)." };
        var to = new Option<string?>("--to") { Description = "The first UTC day not reported (default tomorrow)." };
        var granularity = new Option<string>("--granularity", "-g") { Description = "DAY, WEEK, MONTH or TOTAL.", DefaultValueFactory = _ => "DAY" };
        var top = new Option<int>("--top") { Description = "Busiest actors per period (default 10)." };
        var command = new Command("report", "Enforcement and recovery trends from the reporting projection (admin, auditor).") { from, to, granularity, top };
        command.Handle(async (parse, s, ct) =>
        {
            var today = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);
            var start = parse.GetValue(from) is { } f ? TimeText.ParseDate(f, "--from") : today.AddDays(-7);
            var end = parse.GetValue(to) is { } t ? TimeText.ParseDate(t, "--to") : today.AddDays(1);
            var reply = await s.Admin.GetReportAsync(start, end, ProtoEnums.Parse<ReportGranularity>(parse.GetValue(granularity)!, "--granularity"), parse.GetValue(top), cancellationToken: ct);
            if (s.Printer.Json)
            {
                s.Printer.WriteJson(reply);
            }
            else
            {
                s.Printer.Rows(
                    $"report {start:yyyy-MM-dd} to {end:yyyy-MM-dd}",
                    ["period", "locks placed", "locks lifted", "recoveries started/completed/burned/expired", "compromised to recovery", "badges granted", "badges revoked", "busiest actors"],
                    reply.Periods.Select(ReportRow));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static string[] ReportRow(ReportPeriod p)
    {
        static string Counts(IEnumerable<LockCount> counts)
        {
            var list = counts.ToList();
            var total = list.Sum(c => c.Count);
            var parts = list.GroupBy(c => c.Reason).Select(g => $"{ProtoEnums.Short(g.Key)} {g.Sum(c => c.Count)}");
            return total == 0 ? "0" : $"{total} ({string.Join(", ", parts)})";
        }

        static string Keys(IEnumerable<KeyCount> counts)
        {
            var list = counts.ToList();
            return list.Count == 0 ? "0" : string.Join(", ", list.Select(k => $"{k.Key} {k.Count}"));
        }

        var r = p.Recovery;
        var c = p.CompromisedToRecovery;
        var summary = c is null || c.Count == 0 ? "-" : $"n={c.Count} median {TimeText.Format(c.Median.ToTimeSpan())} p90 {TimeText.Format(c.P90.ToTimeSpan())}";
        return
        [
            $"{p.Start.ToDateTimeOffset():yyyy-MM-dd} to {p.End.ToDateTimeOffset():yyyy-MM-dd}",
            Counts(p.LocksPlaced),
            Counts(p.LocksLifted),
            $"{r.Sum(x => x.Started)}/{r.Sum(x => x.Completed)}/{r.Sum(x => x.Burned)}/{r.Sum(x => x.Expired)}",
            summary,
            Keys(p.BadgesGranted),
            Keys(p.BadgesRevoked),
            string.Join(", ", p.BusiestActors.Take(3).Select(a => $"{a.Actor} {a.Total}")),
        ];
    }
}
