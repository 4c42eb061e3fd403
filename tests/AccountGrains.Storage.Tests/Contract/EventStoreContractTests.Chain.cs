using System.Text;
using static AccountGrains.Storage.Tests.Contract.Events;

namespace AccountGrains.Storage.Tests.Contract;

/// <summary>
/// The tamper-evident chain: the store hashes each event as it appends it, and an edit made behind its back, by SQL,
/// is named by <see cref="EventChainVerifier"/> at the first broken link.
/// </summary>
public abstract partial class EventStoreContractTests
{
    /// <summary>
    /// Runs <paramref name="sql"/> on the store's data directly, as an intruder with database access would: <c>{events}</c>
    /// and <c>{event_chain}</c> name the tables, <c>$1</c> is <paramref name="value"/>.
    /// </summary>
    protected abstract Task ExecuteSqlAsync(StoreHandle store, string sql, object? value = null);

    [Fact]
    public async Task Chain_OfEveryAppendPath_Verifies_AndEachStoredHashIsItsLink()
    {
        await using var store = await OpenFreshAsync();
        await using var writer = new GroupCommitWriter(store.Events);
        await store.Events.AppendBatchAsync([Append("alice", 0, "a", "b"), Append("alice", 2, "c")]);
        await writer.AppendAsync(Append("alice", 3, "d"));
        var read = await store.Events.ReadStreamAsync("alice", 0, 10);
        await store.Events.AppendBatchAsync([Append("alice", 4, "e", "f") with { PreviousHash = read[^1].Hash }]);

        var report = await EventChainVerifier.VerifyAsync(store.Events, "alice", pageSize: 4);
        var all = await store.Events.ReadStreamAsync("alice", 0, 10);

        Assert.True(report.Ok, report.FirstBroken?.ToString());
        Assert.Equal((6L, 6L, 0L), (report.Events, report.LastSeq, report.UnhashedPrefix));
        var previous = EventChain.Genesis;
        foreach (var e in all)
        {
            Assert.Equal(EventChain.Next(previous.Span, "alice", e.Seq, e.Event), e.Hash.ToArray());
            previous = e.Hash;
        }

        Assert.Equal(all[^1].Hash.ToArray(), report.HeadHash.ToArray());
    }

    [Fact]
    public async Task Append_WithAPreviousHashThatIsNotTheStoredOne_IsAConflict_AndWritesNothing()
    {
        await using var store = await OpenFreshAsync();
        await store.Events.AppendBatchAsync([Append("alice", 0, "a")]);

        var results = await store.Events.AppendBatchAsync([Append("alice", 1, "b") with { PreviousHash = EventChain.Genesis }]);

        Assert.Equal(AppendStatus.Conflict, results[0].Status);
        Assert.Single(await store.Events.ReadStreamAsync("alice", 0, 10));
        Assert.True((await EventChainVerifier.VerifyAsync(store.Events, "alice")).Ok);
    }

    [Theory]
    [InlineData("UPDATE {events} SET data = $1 WHERE account_id = 'alice' AND seq = 3")]
    [InlineData("UPDATE {events} SET reason = 'edited' WHERE account_id = 'alice' AND seq = 3")]
    [InlineData("UPDATE {events} SET actor = 'someone-else' WHERE account_id = 'alice' AND seq = 3")]
    [InlineData("UPDATE {events} SET hash = $1 WHERE account_id = 'alice' AND seq = 3")]
    public async Task AnEventEditedBySql_IsNamedAsTheFirstBrokenLink(string edit)
    {
        await using var store = await OpenFreshAsync();
        await store.Events.AppendBatchAsync([Append("alice", 0, "a", "b", "c", "d", "e")]);
        var before = await store.Events.ReadStreamAsync("alice", 0, 10);
        var forged = new byte[EventChain.HashLength];
        forged.AsSpan().Fill(0xAB);

        await ExecuteSqlAsync(store, edit, edit.Contains("hash", StringComparison.Ordinal) ? forged : Encoding.UTF8.GetBytes("forged"));
        var report = await EventChainVerifier.VerifyAsync(store.Events, "alice");

        Assert.False(report.Ok);
        var broken = report.FirstBroken!;
        Assert.Equal((3L, ChainBreak.HashMismatch), (broken.Seq, broken.Kind));
        Assert.Equal(before[1].Hash.ToArray(), report.HeadHash.ToArray());
        if (edit.Contains("hash", StringComparison.Ordinal))
        {
            Assert.Equal(before[2].Hash.ToArray(), broken.Expected.ToArray());
            Assert.Equal(forged, broken.Stored.ToArray());
        }
        else
        {
            Assert.Equal(before[2].Hash.ToArray(), broken.Stored.ToArray());
            Assert.NotEqual(broken.Stored.ToArray(), broken.Expected.ToArray());
        }
    }

    [Fact]
    public async Task ADeletedEvent_IsNamedAsAGap_AndADeletedLastEventAsTruncation()
    {
        await using var store = await OpenFreshAsync();
        await store.Events.AppendBatchAsync([Append("alice", 0, "a", "b", "c"), Append("bob", 0, "a", "b", "c")]);

        await ExecuteSqlAsync(store, "DELETE FROM {events} WHERE account_id = 'alice' AND seq = 2");
        await ExecuteSqlAsync(store, "DELETE FROM {events} WHERE account_id = 'bob' AND seq = 3");
        var alice = await EventChainVerifier.VerifyAsync(store.Events, "alice");
        var bob = await EventChainVerifier.VerifyAsync(store.Events, "bob");

        Assert.Equal((2L, ChainBreak.SeqGap), (alice.FirstBroken!.Seq, alice.FirstBroken.Kind));
        Assert.Equal((3L, ChainBreak.Truncated), (bob.FirstBroken!.Seq, bob.FirstBroken.Kind));
    }

    [Fact]
    public async Task AHashRemovedBySql_IsNamed_EvenOnTheFirstEvent()
    {
        await using var store = await OpenFreshAsync();
        await store.Events.AppendBatchAsync([Append("alice", 0, "a", "b")]);

        await ExecuteSqlAsync(store, "UPDATE {events} SET hash = NULL WHERE account_id = 'alice' AND seq = 1");
        var report = await EventChainVerifier.VerifyAsync(store.Events, "alice");

        Assert.Equal((1L, ChainBreak.MissingHash), (report.FirstBroken!.Seq, report.FirstBroken.Kind));
    }

    [Fact]
    public async Task EventsWrittenBeforeHashingBegan_AreReportedUncovered_AndTheChainStartsAfterThem()
    {
        await using var store = await OpenFreshAsync();
        await store.Events.AppendBatchAsync([Append("alice", 0, "old-1", "old-2")]);
        // As the 005 migration leaves a store that held events: no hashes, and the log head recorded.
        await ExecuteSqlAsync(store, "UPDATE {events} SET hash = NULL");
        await ExecuteSqlAsync(store, "UPDATE {event_chain} SET hashed_after_position = (SELECT max(position) FROM {events})");

        await store.Events.AppendBatchAsync([Append("alice", 2, "new-3"), Append("alice", 3, "new-4")]);
        var report = await EventChainVerifier.VerifyAsync(store.Events, "alice");
        var all = await store.Events.ReadStreamAsync("alice", 0, 10);

        Assert.True(report.Ok, report.FirstBroken?.ToString());
        Assert.Equal((4L, 2L), (report.Events, report.UnhashedPrefix));
        Assert.Equal(EventChain.Next(EventChain.Genesis.Span, "alice", 3, all[2].Event), all[2].Hash.ToArray());

        await ExecuteSqlAsync(store, "UPDATE {events} SET reason = 'edited' WHERE seq = 4");
        var edited = (await EventChainVerifier.VerifyAsync(store.Events, "alice")).FirstBroken!;
        Assert.Equal((4L, ChainBreak.HashMismatch), (edited.Seq, edited.Kind));
    }
}
