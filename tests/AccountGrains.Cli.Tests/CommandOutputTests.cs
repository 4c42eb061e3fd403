using AccountGrains.Cli.Tests.Support;

namespace AccountGrains.Cli.Tests;

/// <summary>Each command's output as a table and as JSON, from the real acctctl against the real silo.</summary>
[Collection(SiloCollection.Name)]
public sealed class CommandOutputTests(SiloFixture silo)
{
    private readonly Acctctl _admin = silo.As("admin");

    private static string NewAccount() => "acct-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task LockShowVerifyHistoryUnlock_PrintTablesAndJson()
    {
        var id = NewAccount();
        var locked = await Ok(_admin.RunAsync("lock", id, "--reason", "compromised", "--note", "ticket-17"));
        Assert.Contains("locked: lock-1", locked.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"│ status\s+│ LOCKED", locked.Stdout);
        Assert.Contains("lock-1 COMPROMISED by admin-svc", locked.Stdout, StringComparison.Ordinal);

        var lockedJson = (await Ok(_admin.RunAsync("lock", id, "--reason", "POLICY_VIOLATION", "-o", "json"))).Json;
        Assert.Equal("lock-2", lockedJson.GetProperty("lock_id").GetString());
        Assert.Equal("ACCOUNT_STATUS_LOCKED", lockedJson.GetProperty("account").GetProperty("status").GetString());

        var show = await Ok(_admin.RunAsync("show", id));
        Assert.Matches(@"│ account\s+│ " + id, show.Stdout);
        Assert.Contains("note: ticket-17", show.Stdout, StringComparison.Ordinal);
        var showJson = (await Ok(_admin.RunAsync("show", id, "-o", "json"))).Json;
        Assert.Equal(2, showJson.GetProperty("locks").GetArrayLength());
        Assert.Equal("2", showJson.GetProperty("version").GetString());

        var verify = await Ok(_admin.RunAsync("verify", id, "--action", "login"));
        Assert.Matches(@"│ decision\s+│ DENY", verify.Stdout);
        Assert.Matches(@"│ reasons\s+│ LOCKED", verify.Stdout);
        var verifyJson = (await Ok(_admin.RunAsync("verify", id, "-o", "json"))).Json;
        Assert.Equal("DECISION_DENY", verifyJson.GetProperty("decision").GetString());

        var unlocked = await Ok(_admin.RunAsync("unlock", id, "--reason", "COMPROMISED", "--note", "owner confirmed"));
        Assert.Contains("unlocked", unlocked.Stdout, StringComparison.Ordinal);
        var unlockedJson = (await Ok(_admin.RunAsync("unlock", id, "--all", "-o", "json"))).Json;
        Assert.Equal("ACCOUNT_STATUS_ACTIVE", unlockedJson.GetProperty("account").GetProperty("status").GetString());

        var history = await Ok(_admin.RunAsync("history", id, "--page-size", "1"));
        Assert.Contains($"history of {id} (4 events)", history.Stdout, StringComparison.Ordinal);
        var rows = history.Stdout.Split('\n').Where(l => l.StartsWith("│ ", StringComparison.Ordinal) && !l.Contains("seq", StringComparison.Ordinal)).ToList();
        Assert.Equal(["LockPlaced", "LockPlaced", "LockLifted", "LockLifted"], rows.Select(r => r.Split('│')[3].Trim()));
        var historyJson = (await Ok(_admin.RunAsync("history", id, "--after-seq", "2", "-o", "json"))).Json;
        Assert.Equal(["3", "4"], historyJson.EnumerateArray().Select(e => e.GetProperty("seq").GetString()));
        Assert.Equal("owner confirmed", historyJson[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task SignalBadgeHighProfile_PrintTablesAndJson()
    {
        var id = NewAccount();
        var signal = await Ok(_admin.RunAsync("signal", id, "CREDENTIAL_LEAKED"));
        Assert.Matches(@"│ credential compromised\s+│ yes", signal.Stdout);
        var signalJson = (await Ok(_admin.RunAsync("signal", id, "sim-swap", "--device", "phone-1", "-o", "json"))).Json;
        Assert.Equal(id, signalJson.GetProperty("account").GetProperty("account_id").GetString());

        var grant = await Ok(_admin.RunAsync("badge", "grant", id, "--category", "public-figure"));
        Assert.Matches(@"│ badge\s+│ VERIFIED \(public-figure\)", grant.Stdout);
        var revokeJson = (await Ok(_admin.RunAsync("badge", "revoke", id, "--reason", "impersonation-wave", "-o", "json"))).Json;
        Assert.Equal("BADGE_STATE_REVOKED", revokeJson.GetProperty("account").GetProperty("badge").GetProperty("state").GetString());
        var grantJson = (await Ok(_admin.RunAsync("badge", "grant", id, "--category", "brand", "-o", "json"))).Json;
        Assert.Equal("brand", grantJson.GetProperty("account").GetProperty("badge").GetProperty("category").GetString());
        var revoke = await Ok(_admin.RunAsync("badge", "revoke", id, "--reason", "brand-sold"));
        Assert.Contains("revoked: brand-sold", revoke.Stdout, StringComparison.Ordinal);

        var high = await Ok(_admin.RunAsync("high-profile", id, "on"));
        Assert.Matches(@"│ high profile\s+│ yes", high.Stdout);
        var highJson = (await Ok(_admin.RunAsync("high-profile", id, "off", "-o", "json"))).Json;
        Assert.False(highJson.GetProperty("account").GetProperty("high_profile").GetBoolean());
    }

    [Fact]
    public async Task RecoverStartAndComplete_PrintTheCodeOnceAndRestore()
    {
        var id = NewAccount();
        await Ok(_admin.RunAsync("lock", id, "--reason", "COMPROMISED"));
        var recovery = silo.As("recovery");
        var start = await Ok(recovery.RunAsync("recover", "start", id, "--channel", "email"));
        Assert.Matches(@"│ attempt\s+│ \S+", start.Stdout);
        var startJson = (await Ok(recovery.RunAsync("recover", "start", id, "--channel", "EMAIL", "--idempotency-key", "r-" + id, "-o", "json"))).Json;
        var attempt = startJson.GetProperty("attempt_id").GetString()!;
        var code = startJson.GetProperty("code").GetString()!;

        var wrong = await recovery.RunAsync("recover", "complete", id, "--attempt", attempt, "--code", "000000x");
        Assert.True(wrong.ExitCode == 2, wrong.ToString());
        Assert.Contains("wrong code", wrong.Stdout, StringComparison.Ordinal);

        var done = (await Ok(recovery.RunAsync("recover", "complete", id, "--attempt", attempt, "--code", code, "-o", "json"))).Json;
        Assert.True(done.GetProperty("restored").GetBoolean());
        Assert.Equal("ACCOUNT_STATUS_ACTIVE", done.GetProperty("account").GetProperty("status").GetString());
    }

    [Fact]
    public async Task SilosAndReport_PrintTablesAndJson()
    {
        var silos = await Ok(_admin.RunAsync("silos"));
        Assert.Matches(@"│ \S+@\d+\s+│ [0-9.:]+\s+│ ACTIVE", silos.Stdout);
        var silosJson = (await Ok(_admin.RunAsync("silos", "-o", "json"))).Json;
        Assert.Equal("SILO_STATUS_ACTIVE", silosJson.GetProperty("silos")[0].GetProperty("status").GetString());

        var id = NewAccount();
        await Ok(_admin.RunAsync("lock", id, "--reason", "POLICY_VIOLATION"));
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var auditor = silo.As("auditor");

        // The projection follows the log within moments: poll until it has this lock.
        var report = await Eventually.Async(
            () => auditor.RunAsync("report", "--from", today, "--to", tomorrow, "--granularity", "total"),
            r => r.ExitCode == 0 && r.Stdout.Contains("POLICY_VIOLATION", StringComparison.Ordinal));
        Assert.Contains($"{today} to {tomorrow}", report.Stdout, StringComparison.Ordinal);
        var reportJson = (await Ok(auditor.RunAsync("report", "--from", today, "--to", tomorrow, "-g", "day", "-o", "json"))).Json;
        var period = reportJson.GetProperty("periods")[0];
        Assert.Contains(period.GetProperty("locks_placed").EnumerateArray(), c => c.GetProperty("reason").GetString() == "LOCK_REASON_POLICY_VIOLATION");
    }

    [Fact]
    public async Task Watch_FollowsTheStreamAndResumesFromItsCursorFile()
    {
        var id = NewAccount();
        await Ok(_admin.RunAsync("lock", id, "--reason", "COMPROMISED", "--note", "w1"));
        await Ok(_admin.RunAsync("lock", id, "--reason", "POLICY_VIOLATION", "--note", "w2"));
        var cursor = Path.Combine(_admin.WorkingDirectory, "cursor");

        var first = await Ok(_admin.RunAsync("watch", "--account", id, "--count", "1", "--cursor-file", cursor));
        Assert.Matches($@"^\d+  \S+ \S+  {id}  #1  LockPlaced  by admin-svc  reason COMPROMISED", first.Stdout);
        var saved = long.Parse(File.ReadAllText(cursor), System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith(saved.ToString(System.Globalization.CultureInfo.InvariantCulture) + "  ", first.Stdout, StringComparison.Ordinal);

        // Resumed from the cursor: the second event, not the first again; then a third written while it waits.
        var resumed = _admin.RunAsync("watch", "--account", id, "--count", "2", "--cursor-file", cursor, "-o", "json");
        var second = (await Eventually.Async(() => Task.FromResult(File.ReadAllText(cursor)), c => c != saved + "\n")).Trim();
        await Ok(_admin.RunAsync("unlock", id, "--all"));
        var json = (await Ok(resumed)).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["2", "3"], json.Select(e => e.GetProperty("seq").GetString()));
        Assert.Equal("LockPlaced", json[0].GetProperty("type").GetString());
        Assert.Equal(second, json[0].GetProperty("position").GetString());
        Assert.Equal("LockLifted", json[1].GetProperty("type").GetString());
    }

    private static async Task<AcctctlResult> Ok(Task<AcctctlResult> run)
    {
        var r = await run;
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("", r.Stderr);
        return r;
    }
}
