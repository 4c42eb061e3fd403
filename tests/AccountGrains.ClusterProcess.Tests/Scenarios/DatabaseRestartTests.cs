using AccountGrains.ClusterProcess.Tests.Checks;
using AccountGrains.ClusterProcess.Tests.Harness;
using AccountGrains.ClusterProcess.Tests.Load;
using Grpc.Core;

namespace AccountGrains.ClusterProcess.Tests.Scenarios;

[Collection(ClusterCollection.Name)]
public sealed class DatabaseRestartTests(ITestOutputHelper log)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task PostgresDownPastTheLease_UnderLoad_CallsFailUnavailableAndTheClusterRecoversLosingNothing()
    {
        await using var cluster = await ClusterHarness.StartAsync(3, log);
        await cluster.RunAsync(async () =>
        {
            // Arrange: silos that exit (declared dead once the database is back) are started again, as Kubernetes would.
            cluster.Supervise();
            var load = new LoadGenerator(cluster, new LoadOptions { Duration = TimeSpan.FromSeconds(60), RetryBudget = TimeSpan.FromSeconds(40) });
            var running = load.RunAsync();
            await Task.Delay(TimeSpan.FromSeconds(3));

            // Act
            var downAt = ClusterClock.Now;
            await cluster.Postgres.StopAsync();
            await Task.Delay(Outage);
            await cluster.Postgres.StartAsync();
            var upAt = ClusterClock.Now;
            // The load's own attempt deadline: a shorter one would count the test's impatience as a failure of the cluster.
            var recovery = await Failover.MeasureAsync(load, load.Accounts.Where(a => !load.UncertainAccounts.Contains(a)), upAt, TimeSpan.FromSeconds(40), new LoadOptions().AttemptDeadline);
            await Task.Delay(TimeSpan.FromSeconds(3));
            load.Stop();
            await running;

            // Assert
            var ops = load.History;
            log.WriteLine($"PostgreSQL down {downAt.TotalSeconds:F2}s..{upAt.TotalSeconds:F2}s");
            cluster.Restarts.ToList().ForEach(log.WriteLine);
            log.WriteLine("recovery (database up -> first successful Verify): " + Failover.Describe(recovery));
            var duringOutage = ops.SelectMany(o => o.Failures).Where(a => a.Start >= downAt && a.End <= upAt).ToList();
            var notUnavailable = ops.SelectMany(o => o.Failures.Select(f => (Op: o, Attempt: f))).Where(x => x.Attempt.Status != StatusCode.Unavailable).ToList();
            // The history first: a lost write matters more than a wrong status, and one failure must not hide the other.
            await Verdict.AssertHistoryIsSoundAsync(cluster, load, log);
            Assert.NotEmpty(duringOutage);
            Assert.True(notUnavailable.Count == 0, "Attempts failed with other than UNAVAILABLE:\n" + string.Join('\n', notUnavailable.Take(20).Select(x => $"{x.Attempt.Status} '{x.Attempt.Detail}' at {x.Attempt.Start.TotalSeconds:F2}s on {x.Attempt.Silo}: {x.Op}")));
            Assert.All(recovery, kv => Assert.True(kv.Value is not null, $"{kv.Key} not served again after the database returned"));
            Assert.True(ops.Where(o => o.Start > upAt + TimeSpan.FromSeconds(15)).All(o => o.Ok), "Calls still failing 15 s after the database returned.");
        });
    }
}
