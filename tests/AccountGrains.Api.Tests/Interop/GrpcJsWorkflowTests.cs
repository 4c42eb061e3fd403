using AccountGrains.Api.Tests.Support;
using AccountGrains.Testing;

namespace AccountGrains.Api.Tests.Interop;

/// <summary>
/// Issue 13's workflows (dual control, appeals, feedback labels) end to end from grpc-js against the silo as an
/// operator runs it, refusals included; the silo's requests live 15 s (AccountGrains__DualControl__RequestLifetime), so
/// the lapse by the durable timer is seen in real time.
/// </summary>
public sealed class GrpcJsWorkflowTests
{
    [Fact]
    public async Task GrpcJsClient_AgainstTheSiloProcess_PassesEveryWorkflowScenario()
    {
        var keys = new ApiKeys();
        var environment = keys.Configuration(separator: "__").Append(new("AccountGrains__DualControl__RequestLifetime", "00:00:15"));
        var (silo, address) = await SiloProcess.StartAsync(environment);
        await using var _ = silo;

        var (exitCode, output) = await NodeScript.RunAsync(
            "workflow-scenarios.js", [], NodeScript.ScenarioEnvironment(address, keys).Append(new("ACCOUNTGRAINS_REQUEST_SECONDS", "15")));

        Assert.True(exitCode == 0, $"workflow-scenarios.js exited with {exitCode}:\n{output}\n--- silo output ---\n{silo.Output}");
        Assert.Contains("PASS: every workflow scenario", output, StringComparison.Ordinal);
    }
}
