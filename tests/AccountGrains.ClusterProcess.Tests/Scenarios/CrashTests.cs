using AccountGrains.ClusterProcess.Tests.Checks;
using AccountGrains.ClusterProcess.Tests.Harness;
using AccountGrains.ClusterProcess.Tests.Load;

namespace AccountGrains.ClusterProcess.Tests.Scenarios;

[Collection(ClusterCollection.Name)]
public sealed class CrashTests(ITestOutputHelper log)
{
    [Fact]
    public async Task Kill9_UnderMixedLoad_LosesNoAcknowledgedWriteAndServesItsAccountsWithinFiveSeconds()
    {
        await using var cluster = await ClusterHarness.StartAsync(3, log);
        await cluster.RunAsync(async () =>
        {
            // Arrange: load over the three silos; the victim's accounts as it reports them.
            var load = new LoadGenerator(cluster, new LoadOptions { Duration = TimeSpan.FromSeconds(14) });
            var running = load.RunAsync();
            await Task.Delay(TimeSpan.FromSeconds(4));
            var victims = (await cluster.ListActivationsAsync(1)).AccountIds.ToList();

            // Act
            var killedAt = cluster.Kill9(1);
            var failover = await Failover.MeasureAsync(load, victims, killedAt, TimeSpan.FromSeconds(20));
            await running;

            // Assert
            log.WriteLine($"kill -9 {cluster.Name(1)} at {killedAt.TotalSeconds:F2}s; it held {victims.Count} accounts");
            log.WriteLine("failover (kill -> first successful Verify through another silo): " + Failover.Describe(failover));
            Assert.NotEmpty(victims);
            Assert.All(failover, kv => Assert.True(kv.Value is { } t && t <= ClusterHarness.FailoverBound, $"{kv.Key} served again after {kv.Value?.TotalSeconds:F2}s"));
            var map = await cluster.ActivationMapAsync();
            Assert.True(map.All(kv => kv.Value.Count == 1), "Accounts active twice after the failover: " + string.Join(", ", map.Where(kv => kv.Value.Count > 1).Select(kv => kv.Key)));
            await Verdict.AssertHistoryIsSoundAsync(cluster, load, log);
        });
    }
}
