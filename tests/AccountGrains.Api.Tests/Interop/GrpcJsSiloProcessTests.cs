using AccountGrains.Testing;
using AccountGrains.Api.Tests.Support;

namespace AccountGrains.Api.Tests.Interop;

/// <summary>
/// The silo as an operator runs it (the built AccountGrains.Silo.dll, configured by environment variables), driven by
/// grpc-js: every method and rule; health and reflection; and on SIGTERM, health says NOT_SERVING before the silo exits.
/// </summary>
public sealed class GrpcJsSiloProcessTests
{
    [Fact]
    public async Task GrpcJsClient_AgainstTheSiloProcess_PassesEveryScenario()
    {
        var keys = new ApiKeys();
        var (silo, address) = await SiloProcess.StartAsync(keys.Configuration(separator: "__"));
        await using var _ = silo;

        var (exitCode, output) = await NodeScript.RunAsync("account-scenarios.js", [], NodeScript.ScenarioEnvironment(address, keys));

        Assert.True(exitCode == 0, $"account-scenarios.js exited with {exitCode}:\n{output}\n--- silo output ---\n{silo.Output}");
        Assert.Contains("PASS: every scenario", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_OnSigterm_TurnsNotServingBeforeTheSiloExits()
    {
        var keys = new ApiKeys();
        var (silo, address) = await SiloProcess.StartAsync(keys.Configuration(separator: "__"));
        await using var _ = silo;

        var (exitCode, output) = await NodeScript.RunAsync(
            "health-reflection.js",
            [$"--server_port={address.Port}", "--watch_until_not_serving=true"],
            [],
            async line =>
            {
                if (line == "WATCHING")
                {
                    await silo.TerminateAsync();
                }
            });

        Assert.True(exitCode == 0, $"health-reflection.js exited with {exitCode}:\n{output}\n--- silo output ---\n{silo.Output}");
    }
}
