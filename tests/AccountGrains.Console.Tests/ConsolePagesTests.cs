using System.Diagnostics;
using System.Text;
using System.Text.Json;
using AccountGrains.Contracts.V1;
using AccountGrains.Testing;

namespace AccountGrains.Console.Tests;

/// <summary>
/// The console's pages in Debian's headless chromium (tests/console/console-pages.js, playwright-core), on data
/// created through gRPC: each page renders it, the Trends chart draws the report's numbers, an agent locks an account
/// from the Account page and the Live page shows the event, the dual-control, appeal and label actions work and a refusal
/// is shown, the Orleans dashboard opens for an admin (session cookie) and not for others, a vendor is refused, no page
/// shows a recovery code. Screenshots of each page go to docs/console/.
/// </summary>
public sealed class ConsolePagesTests(ConsoleSilo silo) : IClassFixture<ConsoleSilo>
{
    [Fact]
    public async Task EveryPage_InARealBrowser()
    {
        var admin = silo.HeadersOf("admin");
        await silo.Accounts.LockAsync(new LockRequest { AccountId = "page-locked-1", Reason = LockReason.Compromised, Note = "leaked password" }, admin);
        var recovery = await silo.Accounts.StartRecoveryAsync(
            new StartRecoveryRequest { AccountId = "page-locked-1", Channel = RecoveryChannel.Email }, silo.HeadersOf("recovery"));
        Assert.False(string.IsNullOrEmpty(recovery.Code));
        await silo.Accounts.SetHighProfileAsync(new SetHighProfileRequest { AccountId = "page-vip-1", HighProfile = true }, admin);
        await silo.Accounts.LockAsync(new LockRequest { AccountId = "page-vip-1", Reason = LockReason.PolicyViolation }, admin);
        // Workflows for the Account page: a high-profile lock whose unlock needs a second person, a lock to appeal, and
        // automatic BRUTE_FORCE locks, two labelled through gRPC (a 50 % false-positive rate), one left for the page.
        await silo.Accounts.SetHighProfileAsync(new SetHighProfileRequest { AccountId = "page-dual-1", HighProfile = true }, admin);
        await silo.Accounts.LockAsync(new LockRequest { AccountId = "page-dual-1", Reason = LockReason.SuspiciousActivity, Note = "odd logins" }, admin);
        await silo.Accounts.LockAsync(new LockRequest { AccountId = "page-appeal-1", Reason = LockReason.PolicyViolation, Note = "spam" }, admin);
        foreach (var (account, label) in new[] { ("page-brute-1", FeedbackLabel.FalsePositive), ("page-brute-2", FeedbackLabel.ConfirmedCompromise) })
        {
            var lockId = await JsonWorkflowTests.BruteForceLockAsync(silo, account);
            await silo.Accounts.LabelAutomaticLockAsync(new LabelAutomaticLockRequest { AccountId = account, LockId = lockId, Label = label }, silo.HeadersOf("agent"));
        }

        await JsonWorkflowTests.BruteForceLockAsync(silo, "page-brute-3");

        // Sampled actions (every agent and vendor action is, in this silo): an agent's and a vendor's lock reviewed
        // through gRPC (quality 100 % and 0 %), and one more agent lock left for a reviewer on the Queues page.
        await silo.Accounts.LockAsync(new LockRequest { AccountId = "page-audit-1", Reason = LockReason.SuspiciousActivity }, silo.HeadersOf("agent"));
        await silo.Accounts.LockAsync(new LockRequest { AccountId = "page-audit-2", Reason = LockReason.SuspiciousActivity }, silo.HeadersOf("vendor"));
        await silo.Accounts.LockAsync(new LockRequest { AccountId = "page-audit-3", Reason = LockReason.PolicyViolation, Note = "to review" }, silo.HeadersOf("agent"));
        await VerdictOnceQueuedAsync("page-audit-1", AuditVerdict.Correct);
        await VerdictOnceQueuedAsync("page-audit-2", AuditVerdict.Incorrect);
        var expected = await ReportOnceProjectedAsync(locks: 10, recoveries: 1, labelled: 2, reviewedAgents: 2, reviewedVendors: 1);

        var screenshots = Path.Combine(RepoPaths.Root, "docs", "console");
        Directory.CreateDirectory(screenshots);
        var environment = new Dictionary<string, string>
        {
            ["CONSOLE_URL"] = silo.ConsoleUrl.ToString().TrimEnd('/'),
            ["CONSOLE_SCREENSHOTS"] = screenshots,
            ["RECOVERY_CODE"] = recovery.Code,
            ["LOCKED_ACCOUNT"] = "page-locked-1",
            ["FRESH_ACCOUNT"] = "page-fresh-1",
            ["HIGH_PROFILE_ACCOUNT"] = "page-vip-1",
            ["DUAL_ACCOUNT"] = "page-dual-1",
            ["APPEAL_ACCOUNT"] = "page-appeal-1",
            ["BRUTE_ACCOUNT"] = "page-brute-3",
            ["AUDIT_ACCOUNT"] = "page-audit-3",
            ["EXPECTED_REPORT"] = expected,
            ["KEY_ADMIN"] = silo.KeyOf("admin"),
            ["KEY_AGENT"] = silo.KeyOf("agent"),
            ["KEY_VENDOR"] = silo.KeyOf("vendor"),
            ["KEY_PLATFORM"] = silo.KeyOf("platform"),
            ["KEY_AUDITOR"] = silo.KeyOf("auditor"),
        };

        var (exitCode, output) = await RunNodeAsync("console-pages.js", environment);

        Assert.True(exitCode == 0, $"console-pages.js exited with {exitCode}:\n{output}\n--- silo output ---\n{silo.Silo.Output}");
        Assert.Contains("PASS: every page", output, StringComparison.Ordinal);

        // The verdict the reviewer recorded on the Queues page is the account's event, by the auditor.
        var audited = await silo.Accounts.GetHistoryAsync(new GetHistoryRequest { AccountId = "page-audit-3" }, admin);
        Assert.Contains(audited.Events, e => e.Type == "AuditVerdictRecorded" && e.Actor == "auditor-svc");
    }

    // The projection queues a sampled action within moments of its commit; the verdict is recorded through gRPC then.
    private async Task VerdictOnceQueuedAsync(string accountId, AuditVerdict verdict)
    {
        for (var attempt = 0; ; attempt++)
        {
            var queue = await silo.Admin.ListAuditQueueAsync(new ListAuditQueueRequest { PageSize = 1000 }, silo.HeadersOf("auditor"));
            if (queue.Items.FirstOrDefault(i => i.AccountId == accountId) is { } item)
            {
                await silo.Accounts.RecordAuditVerdictAsync(
                    new RecordAuditVerdictRequest { AccountId = accountId, ActionSeq = item.ActionSeq, Verdict = verdict, GuidelineRef = "G-4.2" }, silo.HeadersOf("auditor"));
                return;
            }

            Assert.True(attempt < 300, $"{accountId}'s action never reached the audit queue");
            await Task.Delay(100);
        }
    }

    // Today's report once the projection has counted what the test wrote, as the page should draw it: locks placed
    // per reason, automatic vs manual, and each automatic rule's false-positive rate per period that has labels.
    private async Task<string> ReportOnceProjectedAsync(int locks, int recoveries, int labelled, int reviewedAgents, int reviewedVendors)
    {
        var today = DateTime.UtcNow.Date;
        var request = new GetReportRequest
        {
            From = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(today.AddDays(-13)),
            To = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(today.AddDays(1)),
            Granularity = ReportGranularity.Day,
        };
        for (var attempt = 0; ; attempt++)
        {
            var report = await silo.Admin.GetReportAsync(request, silo.HeadersOf("admin"));
            var placed = report.Periods.SelectMany(p => p.LocksPlaced).ToList();
            var rules = report.Periods.SelectMany(p => p.AutomaticRules.Select(r => (Period: p, Rule: r))).ToList();
            if ((placed.Sum(l => l.Count) >= locks && report.Periods.SelectMany(p => p.Recovery).Sum(r => r.Started) >= recoveries
                && rules.Sum(r => r.Rule.Labelled) >= labelled
                && report.Periods.Sum(p => p.AgentQuality.Sum(q => q.Reviewed)) >= reviewedAgents
                && report.Periods.Sum(p => p.VendorQuality.Sum(q => q.Reviewed)) >= reviewedVendors) || attempt == 300)
            {
                var perReason = placed.GroupBy(l => l.Reason.ToString()).ToDictionary(g => ReasonName(g.Key), g => g.Sum(l => l.Count));
                var automatic = placed.GroupBy(l => l.Automatic ? "automatic" : "manual").ToDictionary(g => g.Key, g => g.Sum(l => l.Count));
                var falsePositiveRate = rules.Where(r => r.Rule.Labelled > 0).GroupBy(r => ReasonName(r.Rule.Rule.ToString())).ToDictionary(
                    g => g.Key,
                    g => g.ToDictionary(r => Day(r.Period), r => r.Rule.FalsePositiveRate));
                return JsonSerializer.Serialize(new
                {
                    locksPerReason = perReason,
                    automaticVsManual = automatic,
                    falsePositiveRate,
                    agentQuality = QualityOf(report.Periods.SelectMany(p => p.AgentQuality.Select(q => (Period: p, Quality: q)))),
                    vendorQuality = QualityOf(report.Periods.SelectMany(p => p.VendorQuality.Select(q => (Period: p, Quality: q)))),
                });
            }

            await Task.Delay(100);
        }
    }

    // Per actor, per period that has reviews: the correct rate as the report gives it.
    private static Dictionary<string, Dictionary<string, double>> QualityOf(IEnumerable<(ReportPeriod Period, ActorQuality Quality)> quality) =>
        quality.Where(q => q.Quality.Reviewed > 0).GroupBy(q => q.Quality.Actor).ToDictionary(
            g => g.Key,
            g => g.ToDictionary(q => Day(q.Period), q => q.Quality.CorrectRate));

    private static string Day(ReportPeriod period) => period.Start.ToDateTime().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    // The proto enum name without its prefix, as the page labels it (LockReason.SuspiciousActivity -> SUSPICIOUS_ACTIVITY).
    private static string ReasonName(string csharpName) =>
        string.Concat(csharpName.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();

    private static async Task<(int ExitCode, string Output)> RunNodeAsync(string script, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = Path.Combine(RepoPaths.Root, "tests", "console"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var node = Process.Start(start)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await node.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            await node.WaitForExitAsync();
        }

        var output = new StringBuilder().Append(await stdout).Append(await stderr).ToString();
        return (node.ExitCode, output);
    }
}
