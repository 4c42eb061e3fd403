using static AccountGrains.Storage.Tests.Contract.Events;

namespace AccountGrains.Storage.Tests.Contract;

/// <summary>An activation's read (<see cref="IEventStore.LoadAccountAsync"/>): the snapshot and what follows it, on every store.</summary>
public abstract partial class EventStoreContractTests
{
    [Fact]
    public async Task LoadAccount_OfANeverSeenAccount_IsNoSnapshotAndNoEvents()
    {
        await using var store = await OpenFreshAsync();

        var load = await store.Events.LoadAccountAsync("nobody", 10);

        Assert.Null(load.Snapshot);
        Assert.Empty(load.Events);
    }

    [Fact]
    public async Task LoadAccount_WithoutASnapshot_ReadsTheStreamFromItsFirstEvent_UpToTheCount()
    {
        await using var store = await OpenFreshAsync();
        await store.Events.AppendBatchAsync([Append("alice", 0, "a", "b", "c"), Append("bob", 0, "x")]);

        var load = await store.Events.LoadAccountAsync("alice", 2);

        Assert.Null(load.Snapshot);
        Assert.Equal([1L, 2L], load.Events.Select(e => e.Seq));
        Assert.Equal(["a", "b"], load.Events.Select(Text));
        Assert.All(load.Events, e => Assert.Equal("alice", e.AccountId));
        Assert.Equal((await store.Events.ReadStreamAsync("alice", 0, 2)).Select(e => e.Hash.ToArray()), load.Events.Select(e => e.Hash.ToArray()));
    }

    [Fact]
    public async Task LoadAccount_WithASnapshot_ReadsItAndTheEventsFromItsLastOneOn()
    {
        await using var store = await OpenFreshAsync();
        await store.Events.AppendBatchAsync([Append("alice", 0, "a", "b", "c", "d")]);
        await store.Events.SaveSnapshotAsync(new Snapshot("alice", 3, new byte[] { 3, 3, 3 }));

        var load = await store.Events.LoadAccountAsync("alice", 10);

        Assert.Equal(3, load.Snapshot!.Version);
        Assert.Equal([3, 3, 3], load.Snapshot.Data.ToArray());
        Assert.Equal([3L, 4L], load.Events.Select(e => e.Seq));
        Assert.Equal(["c", "d"], load.Events.Select(Text));
    }

    [Fact]
    public async Task LoadAccount_WithASnapshotAtTheHead_ReadsTheHeadEventForItsHash()
    {
        await using var store = await OpenFreshAsync();
        await store.Events.AppendBatchAsync([Append("alice", 0, "a", "b")]);
        await store.Events.SaveSnapshotAsync(new Snapshot("alice", 2, new byte[] { 2 }));

        var load = await store.Events.LoadAccountAsync("alice", 10);

        var head = Assert.Single(load.Events);
        Assert.Equal(2, head.Seq);
        Assert.Equal((await store.Events.ReadStreamAsync("alice", 1, 1))[0].Hash.ToArray(), head.Hash.ToArray());
    }

    [Fact]
    public async Task LoadAccount_ManyAtOnce_EachReadsWhatItWouldAlone()
    {
        await using var store = await OpenFreshAsync();
        var accounts = Enumerable.Range(0, 40).Select(i => $"many-{i:D2}").ToArray();
        await store.Events.AppendBatchAsync([.. accounts.Select((a, i) => Append(a, 0, [.. Enumerable.Range(0, 1 + (i % 5)).Select(n => $"{a}-{n}")]))]);
        foreach (var account in accounts.Where((_, i) => i % 3 == 0))
        {
            await store.Events.SaveSnapshotAsync(new Snapshot(account, 1, new byte[] { 1, 2, 3 }));
        }

        string Describe(AccountLoad load) =>
            $"{load.Snapshot?.Version}:{(load.Snapshot is null ? "" : Convert.ToHexString(load.Snapshot.Data.Span))}|"
            + string.Join(",", load.Events.Select(e => $"{e.AccountId}/{e.Seq}/{e.Position}/{Text(e)}/{Convert.ToHexString(e.Hash.Span)}"));
        var alone = new List<string>();
        foreach (var account in accounts.Append("nobody"))
        {
            alone.Add(Describe(await store.Events.LoadAccountAsync(account, 3)));
        }

        var together = await Task.WhenAll(accounts.Append("nobody").Select(a => store.Events.LoadAccountAsync(a, 3).AsTask()));

        Assert.Equal(alone, together.Select(Describe));
        Assert.Equal(":|", alone[^1]); // no snapshot, no events
    }
}
