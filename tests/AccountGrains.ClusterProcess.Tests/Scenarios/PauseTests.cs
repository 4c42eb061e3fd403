using AccountGrains.ClusterProcess.Tests.Checks;
using AccountGrains.ClusterProcess.Tests.Harness;
using AccountGrains.ClusterProcess.Tests.Load;
using AccountGrains.Contracts.V1;

namespace AccountGrains.ClusterProcess.Tests.Scenarios;

[Collection(ClusterCollection.Name)]
public sealed class PauseTests(ITestOutputHelper log)
{
    private const int DeclaredDeadExitCode = 70;

    [Fact]
    public async Task SigStopPastTheLease_ThenSigCont_ServesNoStaleAnswerOrWriteAndLosesNothing()
    {
        await using var cluster = await ClusterHarness.StartAsync(3, log);
        await cluster.RunAsync(async () =>
        {
            // Arrange: load over the three silos (the paused one stays in the rotation, as behind a load balancer
            // that has not noticed); the paused silo's own accounts, unlocked and warm there.
            var load = new LoadGenerator(cluster, new LoadOptions { Duration = TimeSpan.FromSeconds(16) });
            var running = load.RunAsync();
            var probes = Enumerable.Range(0, 4).Select(i => $"{Guid.NewGuid():N}"[..8] + $"-probe{i}").ToList();
            foreach (var probe in probes)
            {
                var warm = await load.ExecuteAsync(probe, OperationKind.Verify, onlySlot: 1);
                Assert.True(warm.Ok && warm.Decision == Decision.Allow, $"warm-up: {warm}");
            }

            var onVictim = (await cluster.ListActivationsAsync(1)).AccountIds.ToHashSet();
            log.WriteLine($"probe accounts active on {cluster.Name(1)}: {probes.Count(onVictim.Contains)}/{probes.Count}");

            // Act: pause past the lease; lock the probes through another silo once it took over; then ask the
            // paused silo (its queued calls run when it continues) to Verify and to write.
            var pausedAt = cluster.Pause(1, keepInLoad: true);
            await Task.Delay(ClusterHarness.LeaseDuration + TimeSpan.FromSeconds(1));
            var locks = await Task.WhenAll(probes.Select(p => load.ExecuteAsync(p, OperationKind.Lock, onlySlot: 0, retryBudget: TimeSpan.FromSeconds(10))));
            var lockedAt = ClusterClock.Now;
            var stale = probes.Select(p => load.ExecuteAsync(p, OperationKind.Verify, onlySlot: 1, attemptDeadline: TimeSpan.FromSeconds(10), retryBudget: TimeSpan.Zero)).ToList();
            var staleWrites = probes.Select(p => load.ExecuteAsync(p, OperationKind.Signal, onlySlot: 1, attemptDeadline: TimeSpan.FromSeconds(10), retryBudget: TimeSpan.Zero)).ToList();
            await Task.Delay(500);
            var resumedAt = cluster.Resume(1);
            var answers = await Task.WhenAll(stale);
            var writes = await Task.WhenAll(staleWrites);
            var exited = await cluster.Node(1).WaitForExitAsync(TimeSpan.FromSeconds(10));
            cluster.SetServing(1, false);
            await running;

            // Assert
            log.WriteLine($"SIGSTOP at {pausedAt.TotalSeconds:F2}s, probes locked through {cluster.Name(0)} by {lockedAt.TotalSeconds:F2}s (+{(lockedAt - pausedAt).TotalSeconds:F2}s), SIGCONT at {resumedAt.TotalSeconds:F2}s");
            foreach (var op in locks.Concat(answers).Concat(writes))
            {
                log.WriteLine("  " + op);
            }

            log.WriteLine($"after SIGCONT: {(exited ? $"exited with {cluster.Node(1).ExitCode}" : "still running")}");
            Assert.All(locks, l => Assert.True(l.Ok, $"the takeover silo did not lock: {l}"));
            Assert.All(answers, a => Assert.False(a.Ok && a.Decision == Decision.Allow, $"stale ALLOW from the paused silo: {a}"));
            Assert.True(exited, "The paused silo kept running after its lease expired at the database.");
            Assert.Equal(DeclaredDeadExitCode, cluster.Node(1).ExitCode);
            await Verdict.AssertHistoryIsSoundAsync(cluster, load, log);
        });
    }
}
