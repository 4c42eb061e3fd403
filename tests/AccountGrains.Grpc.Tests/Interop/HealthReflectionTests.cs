namespace AccountGrains.Grpc.Tests.Interop;

/// <summary>Health (Check, Watch) and reflection (v1 and v1alpha) as grpc-js sees them.</summary>
public sealed class HealthReflectionTests(InteropServerFixture server) : IClassFixture<InteropServerFixture>
{
    [Fact]
    public async Task HealthAndReflection_FromGrpcJs_AnswerAndWatchSeesStatusChange()
    {
        const string Watched = "accountgrains.test.Watched";
        using var script = NodeScript.Start(
            "health-reflection.js",
            [$"--server_port={server.Port}", $"--watched_service={Watched}"],
            line =>
            {
                // The script watches first; once it has seen SERVICE_UNKNOWN, the service comes up.
                if (line == "WATCHING")
                {
                    server.Health.SetStatus(Watched, HealthStatus.Serving);
                }
            });

        var exitCode = await script.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 0, $"health-reflection.js exited {exitCode}:\n{script.Output}");
    }
}
