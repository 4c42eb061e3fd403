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
}
