using AccountGrains.Api.Tests.Support;
using AccountGrains.Testing;

namespace AccountGrains.Api.Tests.Interop;

/// <summary>
/// Quality audits and the cross-account queues end to end from grpc-js against the silo as an operator runs it,
/// refusals included. The silo samples every agent and vendor lock, and trusts the test's JWT signing key so the script
/// can review as an auditor who is also agent-7 (the own-action refusal).
/// </summary>
public sealed class GrpcJsAuditTests
{
    [Fact]
    public async Task GrpcJsClient_AgainstTheSiloProcess_PassesEveryAuditScenario()
    {
        var keys = new ApiKeys();
        var tokens = new JwtTokens();
        var environment = keys.Configuration(separator: "__")
            .Concat(tokens.Configuration(separator: "__"))
            .Append(new("AccountGrains__Audits__ActionShares__Agent.LockPlaced", "1"))
            .Append(new("AccountGrains__Audits__ActionShares__Vendor.LockPlaced", "1"));
        var (silo, address) = await SiloProcess.StartAsync(environment);
        await using var _ = silo;

        var ownToken = tokens.For("auditor", subject: ApiKeys.AgentOf("agent"));
        var (exitCode, output) = await NodeScript.RunAsync(
            "audit-scenarios.js", [], NodeScript.ScenarioEnvironment(address, keys).Append(new("ACCOUNTGRAINS_OWN_TOKEN", ownToken)));

        Assert.True(exitCode == 0, $"audit-scenarios.js exited with {exitCode}:\n{output}\n--- silo output ---\n{silo.Output}");
        Assert.Contains("PASS: every audit scenario", output, StringComparison.Ordinal);
    }
}
