using AccountGrains.Cli.Tests.Support;
using AccountGrains.Testing;

namespace AccountGrains.Cli.Tests;

/// <summary>The documented exit codes, each error one line on stderr naming the gRPC status.</summary>
[Collection(SiloCollection.Name)]
public sealed class ExitCodeTests(SiloFixture silo)
{
    private static string NewAccount() => "acct-" + Guid.NewGuid().ToString("N")[..12];

    [Fact]
    public async Task RefusedByTheServer_ExitsTwoWithTheStatus()
    {
        var id = NewAccount();
        var platformUnlock = await silo.As("platform").RunAsync("unlock", id, "--all");
        AssertOneLine(platformUnlock, 2, "acctctl: PERMISSION_DENIED");

        var badKey = await new Acctctl(silo.Address, "not-a-known-key-0123456789abcdef", null).RunAsync("show", id);
        AssertOneLine(badKey, 2, "acctctl: UNAUTHENTICATED");

        var agentWithoutAgent = await new Acctctl(silo.Address, silo.Keys.KeyOf("agent"), null).RunAsync("show", id);
        AssertOneLine(agentWithoutAgent, 2, "acctctl: UNAUTHENTICATED");

        var noSuchLock = await silo.As("admin").RunAsync("unlock", id, "--lock-id", "lock-9");
        AssertOneLine(noSuchLock, 2, "acctctl: NOT_FOUND: No active lock lock-9.");

        var noBadge = await silo.As("agent").RunAsync("badge", "revoke", id, "--reason", "x");
        AssertOneLine(noBadge, 2, "acctctl: FAILED_PRECONDITION");

        var auditorLock = await silo.As("auditor").RunAsync("lock", id, "--reason", "COMPROMISED");
        AssertOneLine(auditorLock, 2, "acctctl: PERMISSION_DENIED");
    }

    [Fact]
    public async Task BadInput_ExitsOne()
    {
        var admin = silo.As("admin");
        AssertOneLine(await admin.RunAsync("lock", "not an id!", "--reason", "COMPROMISED"), 1, "acctctl: 'not an id!' is not an account id");
        AssertOneLine(await admin.RunAsync("lock", NewAccount(), "--reason", "GRUMPY"), 1, "acctctl: --reason 'GRUMPY' is not one of COMPROMISED");
        AssertOneLine(await admin.RunAsync("lock", NewAccount(), "--reason", "BRUTE_FORCE"), 1, "acctctl: INVALID_ARGUMENT: BRUTE_FORCE locks are placed only by the service.");
        AssertOneLine(await admin.RunAsync("show", NewAccount(), "--timeout", "soon"), 1, "acctctl: --timeout 'soon' is not a duration");
        AssertOneLine(await admin.RunAsync("show", NewAccount(), "-o", "yaml"), 1, "acctctl: --output 'yaml' is not table or json");
        AssertOneLine(await admin.RunAsync("lock", "--from-file", "missing.txt", "--run-name", "r1", "--reason", "COMPROMISED"), 1, "acctctl: --from-file missing.txt: no such file");
        AssertOneLine(await admin.RunAsync("lock", "--from-file", admin.WriteFile("a.txt", ["x"]), "--reason", "COMPROMISED"), 1, "acctctl: --run-name '' must be");

        var usage = await admin.RunAsync("lock", NewAccount());
        Assert.True(usage.ExitCode == 1, usage.ToString());
        Assert.Contains("--reason", usage.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NothingListening_ExitsThreeUnavailable()
    {
        var nowhere = new Acctctl(new Uri($"http://127.0.0.1:{SiloProcess.FreePort()}"), silo.Keys.KeyOf("admin"), null);
        nowhere.Environment["ACCTCTL_TIMEOUT"] = "5s";
        AssertOneLine(await nowhere.RunAsync("show", NewAccount()), 3, "acctctl: UNAVAILABLE");
    }

    private static void AssertOneLine(AcctctlResult r, int exitCode, string startsWith)
    {
        Assert.True(r.ExitCode == exitCode, r.ToString());
        var lines = r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, r.ToString());
        Assert.StartsWith(startsWith, lines[0], StringComparison.Ordinal);
        Assert.Equal("", r.Stdout);
    }
}
