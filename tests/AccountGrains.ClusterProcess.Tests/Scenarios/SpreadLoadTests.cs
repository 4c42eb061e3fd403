using AccountGrains.ClusterProcess.Tests.Checks;
using AccountGrains.ClusterProcess.Tests.Harness;
using AccountGrains.ClusterProcess.Tests.Load;
using Action = AccountGrains.Contracts.V1.Action;

namespace AccountGrains.ClusterProcess.Tests.Scenarios;

[Collection(ClusterCollection.Name)]
public sealed class SpreadLoadTests(ITestOutputHelper log)
{
    [Fact]
    public async Task ThreeSilos_LoadSpreadOverAll_EachAccountHasOneActivationAndEverySiloAgrees()
    {
        await using var cluster = await ClusterHarness.StartAsync(3, log);
        await cluster.RunAsync(async () =>
        {
            // Arrange
            var load = new LoadGenerator(cluster, new LoadOptions { Duration = TimeSpan.FromSeconds(8) });
            var duplicates = new List<string>();

            // Act: snapshots of every silo's activations while the load runs, then once it is done.
            var running = load.RunAsync();
            while (!running.IsCompleted)
            {
                await Task.WhenAny(running, Task.Delay(1500));
                var at = ClusterClock.Now;
                duplicates.AddRange(Duplicates(await cluster.ActivationMapAsync()).Select(d => $"[{at.TotalSeconds:F1}s] {d}"));
            }

            await running;
            var final = await cluster.ActivationMapAsync();
            var disagreements = new List<string>();
            foreach (var account in load.Accounts)
            {
                var answers = new List<string>();
                foreach (var slot in cluster.ServingSlots)
                {
                    var reply = await cluster.Client(slot).VerifyAsync(account, Action.Login, deadline: DateTimeOffset.UtcNow.AddSeconds(5));
                    answers.Add($"{reply.Decision} v{reply.Version}");
                }

                if (answers.Distinct().Count() != 1)
                {
                    disagreements.Add($"{account}: {string.Join(" | ", answers)}");
                }
            }

            // Assert
            Verdict.Summarize(load.History, log);
            log.WriteLine($"activations after the load: {string.Join(", ", final.Values.SelectMany(s => s).GroupBy(s => s).Select(g => $"{g.Key} {g.Count()}"))}");
            Assert.True(duplicates.Count == 0, "Accounts active on two silos at once:\n" + string.Join('\n', duplicates.Take(20)));
            Assert.True(load.Accounts.All(a => final.ContainsKey(a) && final[a].Count == 1), "Accounts not active exactly once: "
                + string.Join(", ", load.Accounts.Where(a => !final.TryGetValue(a, out var s) || s.Count != 1).Take(20)));
            Assert.True(disagreements.Count == 0, "Silos disagree:\n" + string.Join('\n', disagreements.Take(20)));
            Assert.True(load.History.Where(o => o.Ok).Select(o => o.Silo).Distinct().Count() == 3, "The load did not reach every silo.");
            await Verdict.AssertHistoryIsSoundAsync(cluster, load, log);
        });
    }

    private static IEnumerable<string> Duplicates(Dictionary<string, List<string>> map) =>
        map.Where(kv => kv.Value.Count > 1).Select(kv => $"{kv.Key} on {string.Join(" and ", kv.Value)}");
}
