using static AccountGrains.Storage.Tests.Contract.Events;

namespace AccountGrains.Storage.Tests.Contract;

public abstract partial class EventStoreContractTests
{
    [Fact]
    public async Task TwoConcurrentWriters_OnOneAccount_ExactlyOneWinsEachVersion_AndHistoryHasNoGapOrDuplicate()
    {
        const int FinalVersion = 60;
        await using var store = await OpenFreshAsync();
        await using var second = await OpenAsync(store.Location);

        var writers = await Task.WhenAll(
            Task.Run(() => WriteUntilAsync(store.Events, "w1", FinalVersion)),
            Task.Run(() => WriteUntilAsync(second.Events, "w2", FinalVersion)));
        var history = await store.Events.ReadStreamAsync("contended", 0, 1000);

        var wins = writers.SelectMany(w => w).ToList();
        Assert.Equal(Enumerable.Range(1, FinalVersion).Select(v => (long)v), wins.Select(w => w.Version).Order());
        Assert.Equal(Enumerable.Range(1, FinalVersion).Select(v => (long)v), history.Select(e => e.Seq));
        Assert.All(history, e => Assert.Equal(wins.Single(w => w.Version == e.Seq).Text, Text(e)));
    }

    [Fact]
    public async Task GroupCommitWriter_WithManyConcurrentCallers_GivesEachCallerItsOwnResult()
    {
        const int Callers = 64;
        const int AppendsEach = 8;
        await using var store = await OpenFreshAsync();
        await using var writer = new GroupCommitWriter(store.Events, new GroupCommitWriterOptions { MaxBatchSize = 16 });

        var outcomes = await Task.WhenAll(Enumerable.Range(0, Callers).Select(c => Task.Run(async () =>
        {
            var account = $"acct-{c}";
            var results = new List<AppendResult>();
            for (var v = 0; v < AppendsEach; v++)
            {
                results.Add(await writer.AppendAsync(Append(account, v, $"{account}:{v + 1}")));
            }

            var stale = await writer.AppendAsync(Append(account, 1, "stale"));
            return (account, results, stale);
        })));

        foreach (var (account, results, stale) in outcomes)
        {
            Assert.Equal(Enumerable.Range(1, AppendsEach).Select(v => new AppendResult(AppendStatus.Appended, v, results[v - 1].LastPosition)), results);
            Assert.Equal(new AppendResult(AppendStatus.Conflict, AppendsEach, -1), stale);
            var history = await store.Events.ReadStreamAsync(account, 0, 100);
            Assert.Equal(Enumerable.Range(1, AppendsEach).Select(v => $"{account}:{v}"), history.Select(Text));
            Assert.Equal(results.Select(r => r.LastPosition), history.Select(e => e.Position));
        }
    }

    [Fact]
    public async Task GroupCommitWriter_ConcurrentAppends_AreCommittedWhenAcknowledged()
    {
        const int Callers = 48;
        await using var store = await OpenFreshAsync();
        await using var writer = new GroupCommitWriter(store.Events, new GroupCommitWriterOptions { MaxBatchSize = 8 });

        // Each caller reads its event back the moment its append is acknowledged: an acknowledgement before the commit
        // (or of a commit other than its own) would show up here as a missing or different event.
        var seen = await Task.WhenAll(Enumerable.Range(0, Callers).Select(c => Task.Run(async () =>
        {
            var account = $"ack-{c}";
            var result = await writer.AppendAsync(Append(account, 0, $"{account}:1"));
            var history = await store.Events.ReadStreamAsync(account, 0, 10);
            return (account, result, history);
        })));

        Assert.All(seen, s =>
        {
            Assert.Equal(AppendStatus.Appended, s.result.Status);
            var stored = Assert.Single(s.history);
            Assert.Equal($"{s.account}:1", Text(stored));
            Assert.Equal(s.result.LastPosition, stored.Position);
        });
    }

    [Fact]
    public async Task ReadLog_PolledDuringConcurrentAppends_SeesIncreasingPositionsAndSkipsNothing()
    {
        await using var store = await OpenFreshAsync();
        await using var writer = new GroupCommitWriter(store.Events, new GroupCommitWriterOptions { MaxBatchSize = 8 });
        var committed = new System.Collections.Concurrent.ConcurrentBag<(string, long)>();
        var writing = Task.WhenAll(Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
        {
            for (var v = 0; v < 15; v++)
            {
                var request = Append($"w{w}", v * 2, "x", "y");
                var result = w % 2 == 0 ? await writer.AppendAsync(request) : (await store.Events.AppendBatchAsync([request]))[0];
                Assert.Equal(AppendStatus.Appended, result.Status);
                committed.Add(($"w{w}", result.Version - 1));
                committed.Add(($"w{w}", result.Version));
            }
        })));

        var seen = new List<StoredEvent>();
        var after = 0L;
        var done = false;
        while (!done)
        {
            // Checked before reading, so the last read happens after every writer finished.
            done = writing.IsCompleted;
            var page = await store.Events.ReadLogAsync(after, 50);
            seen.AddRange(page);
            after = page.Count > 0 ? page[^1].Position : after;
            done &= page.Count < 50;
        }

        await writing;
        Assert.Equal(seen.Count, seen.Select(e => e.Position).Distinct().Count());
        Assert.Equal(seen.Select(e => e.Position).Order(), seen.Select(e => e.Position));
        Assert.Equal(committed.Order(), seen.Select(e => (e.AccountId, e.Seq)).Order());
    }

    [Fact]
    public async Task Migrate_TwiceAndConcurrently_LeavesAWorkingStore()
    {
        var location = NewLocation();
        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => OpenAsync(location)));
        try
        {
            await Task.WhenAll(stores.Select(s => s.Schema.MigrateAsync().AsTask()));
            await stores[0].Schema.MigrateAsync();

            var results = await stores[1].Events.AppendBatchAsync([Append("alice", 0, "a")]);

            Assert.Equal(AppendStatus.Appended, results[0].Status);
            Assert.Single(await stores[2].Events.ReadLogAsync(0, 10));
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    private static async Task<List<(long Version, string Text)>> WriteUntilAsync(IEventStore store, string name, long finalVersion)
    {
        var wins = new List<(long, string)>();
        var known = 0L;
        while (known < finalVersion)
        {
            var text = $"{name}@{known + 1}";
            var result = (await store.AppendBatchAsync([Append("contended", known, text)]))[0];
            if (result.Status == AppendStatus.Appended)
            {
                Assert.Equal(known + 1, result.Version);
                wins.Add((result.Version, text));
            }
            else
            {
                Assert.Equal(AppendStatus.Conflict, result.Status);
                Assert.True(result.Version > known, "a conflict reports the newer version the store saw");
            }

            known = result.Version;
        }

        return wins;
    }
}
