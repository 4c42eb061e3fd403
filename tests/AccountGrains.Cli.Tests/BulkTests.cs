using AccountGrains.Cli.Tests.Support;
using AccountGrains.Contracts.V1;

namespace AccountGrains.Cli.Tests;

/// <summary>Bulk lock, unlock and badge revoke over files: malformed lines, refusals, safe re-runs.</summary>
[Collection(SiloCollection.Name)]
public sealed class BulkTests(SiloFixture silo)
{
    [Fact]
    public async Task BulkLock_WithMalformedLines_ReportsThemByNumberAndLocksTheRest()
    {
        var admin = silo.As("admin");
        var prefix = "bad-" + Guid.NewGuid().ToString("N")[..8];
        var file = admin.WriteFile("accounts.txt", [$"{prefix}-1", "# a comment", "", "two words", $"{prefix}-2  # with a comment", "bad!id", $"{prefix}-1", $"{prefix}-3"]);

        var run = await admin.RunAsync("lock", "--from-file", file, "--reason", "COMPROMISED", "--note", "wave", "--run-name", prefix, "-o", "json");

        Assert.True(run.ExitCode == 4, run.ToString());
        Assert.Contains("acctctl: line 4: malformed, more than one word", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("acctctl: line 6: malformed, not an account id", run.Stderr, StringComparison.Ordinal);
        var summary = run.Json;
        Assert.Equal(3, summary.GetProperty("done_now").GetInt32());
        Assert.Equal(2, summary.GetProperty("malformed_lines").GetInt32());
        Assert.Equal(1, summary.GetProperty("duplicate_lines").GetInt32());
        var report = File.ReadAllText(summary.GetProperty("failures_file").GetString()!);
        Assert.Contains("# line 4: malformed", report, StringComparison.Ordinal);
        Assert.Contains("# line 6: malformed", report, StringComparison.Ordinal);
        foreach (var n in new[] { 1, 2, 3 })
        {
            Assert.Equal(AccountStatus.Locked, (await silo.Admin.GetAccountAsync($"{prefix}-{n}")).Status);
        }

        var onlyBad = await admin.RunAsync("lock", "--from-file", admin.WriteFile("bad.txt", ["no way", "x y"]), "--reason", "COMPROMISED", "--run-name", prefix + "-b");
        Assert.True(onlyBad.ExitCode == 1, onlyBad.ToString());
    }

    [Fact]
    public async Task BulkUnlock_OfImpersonationLocks_ReportsTheDualControlRequests_AndTheRerunOpensNoMore()
    {
        var admin = silo.As("admin");
        var prefix = "dual-" + Guid.NewGuid().ToString("N")[..8];
        var ids = Enumerable.Range(1, 3).Select(i => $"{prefix}-{i}").ToList();
        foreach (var id in ids)
        {
            await silo.Admin.LockAsync(id, LockReason.Impersonation);
        }

        var file = admin.WriteFile("dual.txt", ids);
        var first = await admin.RunAsync("unlock", "--from-file", file, "--reason", "IMPERSONATION", "--run-name", prefix, "-o", "json");
        var again = await admin.RunAsync("unlock", "--from-file", file, "--reason", "IMPERSONATION", "--run-name", prefix, "-o", "json");

        // Nothing is unlocked: each account has one pending request (the re-run replays it), and each is a named failure
        // (every call refused: exit 2, as for any all-refused run).
        foreach (var run in new[] { first, again })
        {
            Assert.True(run.ExitCode == 2, run.ToString());
            Assert.Equal(0, run.Json.GetProperty("done_now").GetInt32());
            var failures = File.ReadAllText(run.Json.GetProperty("failures_file").GetString()!);
            Assert.All(ids, id => Assert.Contains($"{id}\t", failures, StringComparison.Ordinal));
            Assert.Contains("FAILED_PRECONDITION: dual control: request request-2 opened", failures, StringComparison.Ordinal);
        }

        foreach (var id in ids)
        {
            var account = await silo.Admin.GetAccountAsync(id);
            Assert.Equal(AccountStatus.Locked, account.Status);
            Assert.Single(account.PendingRequests);
        }
    }

    [Fact]
    public async Task BulkUnlock_ByAVendor_ReportsTheHighProfileRefusalsAndTheRerunAsDone()
    {
        var prefix = "vend-" + Guid.NewGuid().ToString("N")[..8];
        var ids = Enumerable.Range(1, 6).Select(i => $"{prefix}-{i}").ToList();
        foreach (var id in ids)
        {
            await silo.Admin.LockAsync(id, LockReason.PolicyViolation);
        }

        await silo.Admin.SetHighProfileAsync(new SetHighProfileRequest { AccountId = ids[2], HighProfile = true });
        var vendor = silo.As("vendor");
        var file = vendor.WriteFile("unlock.txt", ids);

        var first = await vendor.RunAsync("unlock", "--from-file", file, "--reason", "POLICY_VIOLATION", "--run-name", prefix, "--note", "appeal granted");
        Assert.True(first.ExitCode == 4, first.ToString());
        Assert.Matches(@"│ unlocked now\s+│ 5", first.Stdout);
        Assert.Matches(@"│ failed\s+│ 1", first.Stdout);
        var failures = File.ReadAllLines(Path.Combine(vendor.WorkingDirectory, $"acctctl-unlock-{prefix}.failures.txt"));
        Assert.Contains(failures, l => l.StartsWith($"{ids[2]}\t# line 3: PERMISSION_DENIED", StringComparison.Ordinal));

        var again = await vendor.RunAsync("unlock", "--from-file", file, "--reason", "POLICY_VIOLATION", "--run-name", prefix, "-o", "json");
        Assert.True(again.ExitCode == 4, again.ToString());
        Assert.Equal(0, again.Json.GetProperty("done_now").GetInt32());
        Assert.Equal(5, again.Json.GetProperty("already_done").GetInt32());
        foreach (var id in ids.Where(i => i != ids[2]))
        {
            var history = await ReadAll(id);
            Assert.Single(history, e => e.Type == "LockLifted");
        }
    }

    [Fact]
    public async Task BulkRevoke_RerunReportsAlreadyDone_AndAllRefusedExitsWithTheStatus()
    {
        var prefix = "badge-" + Guid.NewGuid().ToString("N")[..8];
        var ids = Enumerable.Range(1, 5).Select(i => $"{prefix}-{i}").ToList();
        foreach (var id in ids)
        {
            await silo.Admin.GrantVerificationAsync(new GrantVerificationRequest { AccountId = id, Category = "brand" });
        }

        var agent = silo.As("agent");
        var file = agent.WriteFile("revoke.txt", ids);
        var first = await agent.RunAsync("badge", "revoke", "--from-file", file, "--reason", "impersonation-wave-12", "--run-name", prefix, "-o", "json");
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(5, first.Json.GetProperty("done_now").GetInt32());
        Assert.Equal(JsonValueKindNull, first.Json.GetProperty("failures_file").ValueKind);

        var again = await agent.RunAsync("badge", "revoke", "--from-file", file, "--reason", "impersonation-wave-12", "--run-name", prefix, "-o", "json");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(5, again.Json.GetProperty("already_done").GetInt32());
        foreach (var id in ids)
        {
            Assert.Single(await ReadAll(id), e => e.Type == "VerificationRevoked");
        }

        // A new run name over the same accounts: each has no badge left to revoke, every call refused alike.
        var refused = await agent.RunAsync("badge", "revoke", "--from-file", file, "--reason", "again", "--run-name", prefix + "-2");
        Assert.True(refused.ExitCode == 2, refused.ToString());
        var platform = await silo.As("platform").RunAsync("lock", "--from-file", file, "--reason", "COMPROMISED", "--run-name", prefix + "-p");
        Assert.True(platform.ExitCode == 0, platform.ToString());
        var denied = await silo.As("platform").RunAsync("unlock", "--from-file", file, "--all", "--run-name", prefix + "-p");
        Assert.True(denied.ExitCode == 2, denied.ToString());
        Assert.Matches(@"│ failed\s+│ 5", denied.Stdout);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    private async Task<List<HistoryEvent>> ReadAll(string id)
    {
        var list = new List<HistoryEvent>();
        await foreach (var e in silo.Admin.ReadHistoryAsync(id))
        {
            list.Add(e);
        }

        return list;
    }
}
