using AccountGrains.Storage;
using AccountGrains.Streaming.Internal;

namespace AccountGrains.Streaming.Tests.Log;

/// <summary>One silo's partitions share its reads of the log, and what each gets is what the store would give it.</summary>
public sealed class SharedLogReaderTests
{
    private static readonly TimeSpan LongAgo = TimeSpan.FromHours(1);

    [Fact]
    public async Task PartitionsAtTheEndOfTheLog_ShareOneStoreRead_WhileItIsFresh()
    {
        var store = new InMemoryLog(5);
        var reader = new SharedLogReader(store, pageSize: 10, freshFor: LongAgo);

        var first = await reader.ReadPageAsync(0, CancellationToken.None);
        for (var partition = 0; partition < 8; partition++)
        {
            Assert.Empty(await reader.ReadPageAsync(first[^1].Position, CancellationToken.None));
        }

        Assert.Equal(5, first.Count);
        Assert.Equal(1, store.Reads);
    }

    [Fact]
    public async Task NothingNew_IsBelievedOnlyWhileFresh()
    {
        var store = new InMemoryLog(2);
        var reader = new SharedLogReader(store, pageSize: 10, freshFor: TimeSpan.Zero);

        var first = await reader.ReadPageAsync(0, CancellationToken.None);
        store.Append(3);
        var next = await reader.ReadPageAsync(first[^1].Position, CancellationToken.None);

        Assert.Equal(3, next.Count);
        Assert.Equal(2, store.Reads);
    }

    [Fact]
    public async Task ReceiversBehindTheNewestRead_AreAnsweredFromTheWindow_WithExactlyTheStoresEvents()
    {
        var store = new InMemoryLog(0);
        var reader = new SharedLogReader(store, pageSize: 4, freshFor: TimeSpan.Zero);
        var random = new Random(7);
        var positions = new long[8];
        var seen = Enumerable.Range(0, 8).Select(_ => new List<long>()).ToArray();

        for (var step = 0; step < 400; step++)
        {
            if (random.Next(4) == 0)
            {
                store.Append(random.Next(1, 6));
            }

            var partition = random.Next(8);
            var page = await reader.ReadPageAsync(positions[partition], CancellationToken.None);
            var expected = await store.ReadLogAsync(positions[partition], 4);
            Assert.Equal(expected.Take(page.Count).Select(e => e.Position), page.Select(e => e.Position));
            if (page.Count > 0)
            {
                seen[partition].AddRange(page.Select(e => e.Position));
                positions[partition] = page[^1].Position;
            }
        }

        // Drained with fresh reads, every receiver has seen every event once, in order.
        var drained = new SharedLogReader(store, pageSize: 4, freshFor: TimeSpan.Zero);
        for (var partition = 0; partition < 8; partition++)
        {
            while (await drained.ReadPageAsync(positions[partition], CancellationToken.None) is { Count: > 0 } page)
            {
                seen[partition].AddRange(page.Select(e => e.Position));
                positions[partition] = page[^1].Position;
            }

            Assert.Equal(store.Positions, seen[partition]);
        }

        Assert.True(reader.StoreReads < 400, $"{reader.StoreReads} store reads for 400 receiver reads: the window answered none");
    }

    [Fact]
    public async Task AReceiverBehindTheWindow_ReadsTheStore()
    {
        var store = new InMemoryLog(30);
        var reader = new SharedLogReader(store, pageSize: 2, freshFor: LongAgo);

        var tail = await reader.ReadPageAsync(store.Positions[^3], CancellationToken.None);
        var start = await reader.ReadPageAsync(0, CancellationToken.None);

        Assert.Equal(store.Positions[^2..], tail.Select(e => e.Position));
        Assert.Equal(store.Positions[..2], start.Select(e => e.Position));
        Assert.Equal(2, store.Reads);
    }

    /// <summary>A log with gaps in its positions (as a real one has), counting reads.</summary>
    private sealed class InMemoryLog : IEventStore
    {
        private readonly List<StoredEvent> _events = [];
        private int _reads;

        public InMemoryLog(int count) => Append(count);

        public int Reads => _reads;

        public List<long> Positions => [.. _events.Select(e => e.Position)];

        public void Append(int count)
        {
            for (var i = 0; i < count; i++)
            {
                var position = (_events.Count == 0 ? 0 : _events[^1].Position) + 1 + (_events.Count % 3);
                _events.Add(new StoredEvent($"a{_events.Count % 5}", _events.Count + 1, position, new EventData("LockPlaced", DateTimeOffset.UnixEpoch, "t", null, Array.Empty<byte>())));
            }
        }

        public ValueTask<IReadOnlyList<StoredEvent>> ReadLogAsync(long afterPosition, int maxCount, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _reads);
            return ValueTask.FromResult<IReadOnlyList<StoredEvent>>([.. _events.Where(e => e.Position > afterPosition).Take(maxCount)]);
        }

        public ValueTask<IReadOnlyList<AppendResult>> AppendBatchAsync(IReadOnlyList<AppendRequest> requests, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<IReadOnlyList<StoredEvent>> ReadStreamAsync(string accountId, long afterSeq, int maxCount, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<Snapshot?> LoadSnapshotAsync(string accountId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask SaveSnapshotAsync(Snapshot snapshot, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<IdempotencyRecord?> FindIdempotencyKeyAsync(string accountId, string key, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
