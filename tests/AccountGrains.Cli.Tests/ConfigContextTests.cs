using AccountGrains.Cli.Tests.Support;

namespace AccountGrains.Cli.Tests;

/// <summary>kubectl-like contexts: set, use, list (never the key), and calls made through them.</summary>
[Collection(SiloCollection.Name)]
public sealed class ConfigContextTests(SiloFixture silo)
{
    [Fact]
    public async Task Contexts_CarryTheAddressAndKey_AndAreListedWithoutThem()
    {
        var cli = new Acctctl(silo.Address, key: null, onBehalfOf: null);
        cli.Environment["ACCTCTL_ADDRESS"] = null;
        var agentKey = silo.Keys.KeyOf("agent");

        Assert.Equal(0, (await cli.RunAsync("config", "set-context", "prod", "--address", silo.Address.ToString(), "--key", agentKey, "--on-behalf-of", "agent-42")).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("config", "set-context", "nowhere", "--address", "http://127.0.0.1:1", "--timeout", "2s")).ExitCode);
        Assert.Equal("prod\n", (await cli.RunAsync("config", "current-context")).Stdout);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cli.ConfigPath));
        }

        var list = await cli.RunAsync("config", "get-contexts");
        Assert.Matches(@"│ \*\s+│ prod\s+│ " + System.Text.RegularExpressions.Regex.Escape(silo.Address.ToString()) + @"\s+│ key\s+│ agent-42", list.Stdout);
        Assert.DoesNotContain(agentKey, list.Stdout, StringComparison.Ordinal);
        var json = (await cli.RunAsync("config", "get-contexts", "-o", "json")).Json;
        Assert.Equal(["nowhere", "prod"], json.EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.DoesNotContain(agentKey, json.GetRawText(), StringComparison.Ordinal);

        // Through the current context: the agent key acting for agent-42, as history records it.
        var id = "ctx-" + Guid.NewGuid().ToString("N")[..10];
        var locked = await cli.RunAsync("lock", id, "--reason", "IMPERSONATION");
        Assert.True(locked.ExitCode == 0, locked.ToString());
        Assert.Contains("by agent-svc/agent-42", locked.Stdout, StringComparison.Ordinal);

        var elsewhere = await cli.RunAsync("--context", "nowhere", "show", id);
        Assert.True(elsewhere.ExitCode == 3, elsewhere.ToString());
        Assert.Equal(0, (await cli.RunAsync("config", "use-context", "nowhere")).ExitCode);
        Assert.Equal(3, (await cli.RunAsync("show", id)).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("--context", "prod", "show", id)).ExitCode);

        var unknown = await cli.RunAsync("config", "use-context", "staging");
        Assert.True(unknown.ExitCode == 1, unknown.ToString());
        Assert.StartsWith("acctctl: no context named staging", unknown.Stderr, StringComparison.Ordinal);
    }
}
