using AccountGrains.Api.Tests.Support;

namespace AccountGrains.Api.Tests.Interop;

/// <summary>
/// The independent client against the gateway: grpc-js and proto-loader load the project's .proto files and drive the
/// in-process silo through every method and rule, health and reflection (tests/interop). The same scripts run against
/// the silo process in <see cref="GrpcJsSiloProcessTests"/>.
/// </summary>
[Collection(ApiSiloCollection.Name)]
public sealed class GrpcJsInProcessTests(ApiSilo silo)
{
    [Fact]
    public async Task GrpcJsClient_PassesEveryAccountScenario()
    {
        var (exitCode, output) = await NodeScript.RunAsync("account-scenarios.js", [], NodeScript.ScenarioEnvironment(silo.Address, silo.Keys));

        Assert.True(exitCode == 0, $"account-scenarios.js exited with {exitCode}:\n{output}");
        Assert.Contains("PASS: every scenario", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GrpcJsClient_SeesHealthAndReflection()
    {
        var (exitCode, output) = await NodeScript.RunAsync("health-reflection.js", [$"--server_port={silo.Address.Port}"], []);

        Assert.True(exitCode == 0, $"health-reflection.js exited with {exitCode}:\n{output}");
        Assert.Contains("WATCHING", output, StringComparison.Ordinal);
    }
}
