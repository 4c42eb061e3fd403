using AccountGrains.ClusterProcess.Tests.Checks;
using AccountGrains.ClusterProcess.Tests.Harness;
using AccountGrains.ClusterProcess.Tests.Load;
using AccountGrains.Contracts.V1;

namespace AccountGrains.ClusterProcess.Tests.Scenarios;

[Collection(ClusterCollection.Name)]
public sealed class PauseTests(ITestOutputHelper log)
{
    private const int DeclaredDeadExitCode = 70;
    private const int Victim = 1;

    [Fact]
    public async Task SigStopPastTheLease_ThenSigCont_OthersServeItsAccountsWithinFiveSecondsAndItServesNoStaleAnswer()
    {
        await using var cluster = await ClusterHarness.StartAsync(3, log);
        await cluster.RunAsync(async () =>
        {
            // Arrange: load over the three silos (the paused one stays in the rotation, as behind a load balancer
            // that has not noticed); probe accounts called through the victim, so that some are active there
            // (the stale activations Orleans alone would keep serving after SIGCONT).
            var load = new LoadGenerator(cluster, new LoadOptions { Duration = TimeSpan.FromSeconds(20) });
            var running = load.RunAsync();
            var probes = Enumerable.Range(0, 12).Select(i => $"{Guid.NewGuid():N}"[..8] + $"-probe{i}").ToList();
            foreach (var probe in probes)
            {
                var warm = await load.ExecuteAsync(probe, OperationKind.Verify, onlySlot: Victim);
                Assert.True(warm.Ok && warm.Decision == Decision.Allow, $"warm-up: {warm}");
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
            var onVictim = (await cluster.ListActivationsAsync(Victim)).AccountIds.ToList();
            log.WriteLine($"accounts active on {cluster.Name(Victim)}: {onVictim.Count}, of them probes: {probes.Count(onVictim.Contains)}/{probes.Count}");

            // Act: pause; measure how soon the other silos serve the victim's accounts; lock the probes through
            // another silo; then ask the paused silo (its queued calls run when it continues) to Verify and to write.
            var pausedAt = cluster.Pause(Victim, keepInLoad: true);
            var failover = await Failover.MeasureAsync(load, onVictim, pausedAt, TimeSpan.FromSeconds(20), avoidSlot: Victim);
            var locks = await Task.WhenAll(probes.Select(p => load.ExecuteAsync(p, OperationKind.Lock, onlySlot: 0, retryBudget: TimeSpan.FromSeconds(10))));
            var lockedAt = ClusterClock.Now;
            var stale = probes.Select(p => load.ExecuteAsync(p, OperationKind.Verify, onlySlot: Victim, attemptDeadline: TimeSpan.FromSeconds(10), retryBudget: TimeSpan.Zero)).ToList();
            var staleWrites = probes.Select(p => load.ExecuteAsync(p, OperationKind.Signal, onlySlot: Victim, attemptDeadline: TimeSpan.FromSeconds(10), retryBudget: TimeSpan.Zero)).ToList();
            await Task.Delay(500);
            var resumedAt = cluster.Resume(Victim);
            var answers = await Task.WhenAll(stale);
            var writes = await Task.WhenAll(staleWrites);
            var exited = await cluster.Node(Victim).WaitForExitAsync(TimeSpan.FromSeconds(15));
            cluster.SetServing(Victim, false);
            await running;

            // Assert
            log.WriteLine($"SIGSTOP {cluster.Name(Victim)} at {pausedAt.TotalSeconds:F2}s; it held {onVictim.Count} accounts");
            log.WriteLine("failover (SIGSTOP -> first successful Verify through another silo): " + Failover.Describe(failover));
            log.WriteLine($"probes locked through {cluster.Name(0)} by {lockedAt.TotalSeconds:F2}s (+{(lockedAt - pausedAt).TotalSeconds:F2}s), SIGCONT at {resumedAt.TotalSeconds:F2}s");
            foreach (var op in locks.Concat(answers).Concat(writes))
            {
                log.WriteLine("  " + op);
            }

            log.WriteLine($"after SIGCONT: {(exited ? $"exited with {cluster.Node(Victim).ExitCode}" : "still running")}");
            Assert.NotEmpty(onVictim);
            Assert.Contains(probes, onVictim.Contains);
            Assert.All(failover, kv => Assert.True(kv.Value is { } t && t <= ClusterHarness.FailoverBound, $"{kv.Key} served by another silo after {kv.Value?.TotalSeconds:F2}s"));
            Assert.All(locks, l => Assert.True(l.Ok, $"the takeover silo did not lock: {l}"));
            Assert.All(answers, a => Assert.False(a.Ok && a.Decision == Decision.Allow, $"stale ALLOW from the resumed silo: {a}"));
            Assert.True(exited, "The paused silo kept running after it was declared dead.");
            Assert.Equal(DeclaredDeadExitCode, cluster.Node(Victim).ExitCode);
            await Verdict.AssertHistoryIsSoundAsync(cluster, load, log);
        });
    }
}
