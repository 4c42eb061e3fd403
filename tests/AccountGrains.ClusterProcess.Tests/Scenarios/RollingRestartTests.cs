using AccountGrains.ClusterProcess.Tests.Checks;
using AccountGrains.ClusterProcess.Tests.Harness;
using AccountGrains.ClusterProcess.Tests.Load;
using Grpc.Core;

namespace AccountGrains.ClusterProcess.Tests.Scenarios;

[Collection(ClusterCollection.Name)]
public sealed class RollingRestartTests(ITestOutputHelper log)
{
    [Fact]
    public async Task SigTermEachSiloInTurn_UnderLoad_LosesNothingAndFailsOnlyWithUnavailable()
    {
        await using var cluster = await ClusterHarness.StartAsync(3, log);
        await cluster.RunAsync(async () =>
        {
            // Arrange
            var load = new LoadGenerator(cluster, new LoadOptions { Duration = TimeSpan.FromSeconds(60) });
            var running = load.RunAsync();
            await Task.Delay(TimeSpan.FromSeconds(2));
            var exits = new List<string>();

            // Act: SIGTERM one silo, start its replacement, let the load settle, next.
            for (var slot = 0; slot < cluster.Count; slot++)
            {
                var name = cluster.Name(slot);
                var stoppedAt = ClusterClock.Now;
                var (graceful, code) = await cluster.StopAsync(slot);
                exits.Add($"{name}: {(graceful ? "exited" : "killed")} with {code} after {(ClusterClock.Now - stoppedAt).TotalSeconds:F2}s");
                await cluster.StartAsync(slot);
                await Task.Delay(TimeSpan.FromSeconds(2));
            }

            load.Stop();
            await running;

            // Assert
            var ops = load.History;
            exits.ForEach(log.WriteLine);
            // The history first: a lost write matters more than a wrong status, and one failure must not hide the other.
            await Verdict.AssertHistoryIsSoundAsync(cluster, load, log);
            var otherFailures = ops.SelectMany(o => o.Failures.Select(f => (Op: o, Attempt: f))).Where(x => x.Attempt.Status != StatusCode.Unavailable).ToList();
            Assert.True(otherFailures.Count == 0, "Attempts failed with other than UNAVAILABLE:\n" + string.Join('\n', otherFailures.Take(20).Select(x => $"{x.Attempt.Status} '{x.Attempt.Detail}' at {x.Attempt.Start.TotalSeconds:F2}s on {x.Attempt.Silo}: {x.Op}")));
            Assert.True(ops.All(o => o.Ok), "Operations that retrying UNAVAILABLE did not absorb:\n" + string.Join('\n', ops.Where(o => !o.Ok).Take(20)));
            Assert.All(exits, e => Assert.Contains("exited with 0", e, StringComparison.Ordinal));
        });
    }
}
