using static AccountGrains.Storage.Tests.Contract.Events;

namespace AccountGrains.Storage.Tests.Contract;

/// <summary>
/// The behaviour every event store must have, run against each provider by a derived class. Each test
/// gets a fresh, empty, migrated location (a schema or a file) of its own.
/// </summary>
public abstract partial class EventStoreContractTests
{
    private int _locations;

    /// <summary>Opens a store on <paramref name="location"/>; the same location twice opens two stores on the same data.</summary>
    protected abstract Task<StoreHandle> OpenAsync(string location);

    protected string NewLocation() => $"t{Interlocked.Increment(ref _locations)}_{Guid.NewGuid().ToString("N")[..8]}";

    protected async Task<StoreHandle> OpenFreshAsync()
    {
        var store = await OpenAsync(NewLocation());
        await store.Schema.MigrateAsync();
        return store;
    }

    [Fact]
    public async Task Append_ThenReadStream_RoundTripsEveryFieldExactly()
    {
        await using var store = await OpenFreshAsync();
        byte[] bytes = [0, 1, 2, 0xFF, 0xFE, 0x80, 0];
        var first = new EventData("LockPlaced", At, "key-1/agent", "fraud suspected ✓", bytes);
        var second = new EventData("LockLifted", At.AddTicks(10), "system", null, Array.Empty<byte>());

        var results = await store.Events.AppendBatchAsync([new AppendRequest("alice", 0, [first, second])]);
        var read = await store.Events.ReadStreamAsync("alice", 0, 10);

        Assert.Equal(AppendStatus.Appended, results[0].Status);
        Assert.Equal(2, results[0].Version);
        Assert.Equal([1L, 2L], read.Select(e => e.Seq));
        Assert.Equal(results[0].LastPosition, read[1].Position);
        Assert.True(read[0].Position < read[1].Position);
        Assert.All(read, e => Assert.Equal("alice", e.AccountId));
        AssertSameEvent(first, read[0].Event);
        AssertSameEvent(second, read[1].Event);
    }

    [Fact]
    public async Task ReadStream_AfterSeqAndMaxCount_ReturnsThatWindowInSeqOrder()
    {
        await using var store = await OpenFreshAsync();
        await store.Events.AppendBatchAsync([Append("alice", 0, "a", "b", "c", "d")]);

        var window = await store.Events.ReadStreamAsync("alice", 1, 2);
        var none = await store.Events.ReadStreamAsync("bob", 0, 10);

        Assert.Equal(["b", "c"], window.Select(Text));
        Assert.Empty(none);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    public async Task Append_WhenExpectedVersionIsNotCurrent_IsConflictAndWritesNothing(long staleExpected)
    {
        await using var store = await OpenFreshAsync();
        await store.Events.AppendBatchAsync([Append("alice", 0, "a", "b")]);

        var results = await store.Events.AppendBatchAsync([Append("alice", staleExpected, "stale")]);
        var read = await store.Events.ReadStreamAsync("alice", 0, 10);

        Assert.Equal(new AppendResult(AppendStatus.Conflict, 2, -1), results[0]);
        Assert.Equal(["a", "b"], read.Select(Text));
    }

    [Fact]
    public async Task Append_ToMissingStreamWithNonZeroExpectedVersion_IsConflict()
    {
        await using var store = await OpenFreshAsync();

        var results = await store.Events.AppendBatchAsync([Append("alice", 3, "x")]);

        Assert.Equal(new AppendResult(AppendStatus.Conflict, 0, -1), results[0]);
        Assert.Empty(await store.Events.ReadStreamAsync("alice", 0, 10));
    }

    [Fact]
    public async Task Batch_WithOneConflictingRequest_CommitsTheOthers()
    {
        await using var store = await OpenFreshAsync();
        await store.Events.AppendBatchAsync([Append("bob", 0, "b1")]);

        var results = await store.Events.AppendBatchAsync([Append("alice", 0, "a1"), Append("bob", 0, "stale"), Append("carol", 0, "c1")]);

        Assert.Equal([AppendStatus.Appended, AppendStatus.Conflict, AppendStatus.Appended], results.Select(r => r.Status));
        Assert.Equal(["a1"], (await store.Events.ReadStreamAsync("alice", 0, 10)).Select(Text));
        Assert.Equal(["b1"], (await store.Events.ReadStreamAsync("bob", 0, 10)).Select(Text));
        Assert.Equal(["c1"], (await store.Events.ReadStreamAsync("carol", 0, 10)).Select(Text));
    }

    [Fact]
    public async Task Batch_WithSameAccountTwice_AppliesInListOrder()
    {
        await using var store = await OpenFreshAsync();

        var results = await store.Events.AppendBatchAsync([Append("alice", 0, "1", "2"), Append("alice", 2, "3"), Append("alice", 2, "stale")]);
        var read = await store.Events.ReadStreamAsync("alice", 0, 10);

        Assert.Equal(AppendStatus.Appended, results[0].Status);
        Assert.Equal(new AppendResult(AppendStatus.Appended, 3, results[1].LastPosition), results[1]);
        Assert.Equal(new AppendResult(AppendStatus.Conflict, 3, -1), results[2]);
        Assert.True(results[0].LastPosition < results[1].LastPosition);
        Assert.Equal(["1", "2", "3"], read.Select(Text));
    }

    [Fact]
    public async Task Append_WithUsedIdempotencyKey_WritesNothingAndSaysDuplicate()
    {
        await using var store = await OpenFreshAsync();
        var first = await store.Events.AppendBatchAsync([Append("alice", 0, "a", "b") with { IdempotencyKey = "k1" }]);

        var again = await store.Events.AppendBatchAsync([Append("alice", 2, "retry") with { IdempotencyKey = "k1" }]);
        var otherAccount = await store.Events.AppendBatchAsync([Append("bob", 0, "b") with { IdempotencyKey = "k1" }]);
        var sameBatch = await store.Events.AppendBatchAsync([Append("alice", 2, "c") with { IdempotencyKey = "k2" }, Append("alice", 3, "d") with { IdempotencyKey = "k2" }]);

        Assert.Equal(AppendStatus.Appended, first[0].Status);
        Assert.Equal(new AppendResult(AppendStatus.DuplicateIdempotencyKey, 2, -1), again[0]);
        Assert.Equal(AppendStatus.Appended, otherAccount[0].Status);
        Assert.Equal([AppendStatus.Appended, AppendStatus.DuplicateIdempotencyKey], sameBatch.Select(r => r.Status));
        Assert.Equal(["a", "b", "c"], (await store.Events.ReadStreamAsync("alice", 0, 10)).Select(Text));
        Assert.Equal(new IdempotencyRecord("alice", "k1", 1, 2), await store.Events.FindIdempotencyKeyAsync("alice", "k1"));
        Assert.Equal(new IdempotencyRecord("alice", "k2", 3, 3), await store.Events.FindIdempotencyKeyAsync("alice", "k2"));
        Assert.Null(await store.Events.FindIdempotencyKeyAsync("alice", "unknown"));
    }

    [Fact]
    public async Task Append_WhenConflicting_DoesNotRecordItsIdempotencyKey()
    {
        await using var store = await OpenFreshAsync();
        await store.Events.AppendBatchAsync([Append("alice", 0, "a")]);

        var conflict = await store.Events.AppendBatchAsync([Append("alice", 0, "stale") with { IdempotencyKey = "k" }]);
        var retry = await store.Events.AppendBatchAsync([Append("alice", 1, "b") with { IdempotencyKey = "k" }]);

        Assert.Equal(AppendStatus.Conflict, conflict[0].Status);
        Assert.Equal(AppendStatus.Appended, retry[0].Status);
    }

    [Fact]
    public async Task ReadLog_ReturnsAllAccountsInCommitOrder_PagedByPosition()
    {
        await using var store = await OpenFreshAsync();
        await store.Events.AppendBatchAsync([Append("alice", 0, "a1", "a2"), Append("bob", 0, "b1")]);
        await store.Events.AppendBatchAsync([Append("alice", 2, "a3")]);

        var all = await store.Events.ReadLogAsync(0, 100);
        var page = await store.Events.ReadLogAsync(all[1].Position, 2);

        Assert.Equal(["a1", "a2", "b1", "a3"], all.Select(Text));
        Assert.Equal(all.Select(e => e.Position).Order(), all.Select(e => e.Position));
        Assert.Equal(all.Count, all.Select(e => e.Position).Distinct().Count());
        Assert.Equal(["b1", "a3"], page.Select(Text));
        Assert.Empty(await store.Events.ReadLogAsync(all[^1].Position, 100));
    }

    [Fact]
    public async Task AppendBatch_WithMalformedRequest_ThrowsArgumentExceptionAndWritesNothing()
    {
        await using var store = await OpenFreshAsync();

        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await store.Events.AppendBatchAsync([Append("alice", 0, "a"), new AppendRequest("bob", 0, [])]));

        Assert.Empty(await store.Events.ReadLogAsync(0, 10));
    }

    private static void AssertSameEvent(EventData expected, EventData actual)
    {
        Assert.Equal(expected.Type, actual.Type);
        Assert.Equal(expected.At, actual.At);
        Assert.Equal(expected.At.UtcTicks, actual.At.UtcTicks);
        Assert.Equal(expected.Actor, actual.Actor);
        Assert.Equal(expected.Reason, actual.Reason);
        Assert.Equal(expected.Data.ToArray(), actual.Data.ToArray());
    }
}
