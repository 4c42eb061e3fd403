using System.Collections.Concurrent;

namespace AccountGrains.Storage.Tests.GroupCommit;

/// <summary>
/// An <see cref="IEventStore"/> whose batches the test releases one at a time: every request is
/// appended (version = expected + events) unless the test set a failure for that batch.
/// </summary>
internal sealed class ScriptedStore : IEventStore
{
    private readonly ConcurrentQueue<TaskCompletionSource<Exception?>> _gates = new();
    private readonly SemaphoreSlim _received = new(0);

    public List<IReadOnlyList<AppendRequest>> Batches { get; } = [];

    /// <summary>Waits until the store has received one more batch (bounded, so a broken writer fails the test instead of hanging it).</summary>
    public async Task WaitForBatchAsync() => Assert.True(await _received.WaitAsync(TimeSpan.FromSeconds(30)), "the writer sent no batch");

    /// <summary>Lets the oldest waiting batch finish, or fail with <paramref name="failure"/>.</summary>
    public void Release(Exception? failure = null)
    {
        Assert.True(_gates.TryDequeue(out var gate), "no batch is waiting");
        gate.SetResult(failure);
    }

    public async ValueTask<IReadOnlyList<AppendResult>> AppendBatchAsync(IReadOnlyList<AppendRequest> requests, CancellationToken cancellationToken = default)
    {
        var gate = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (Batches)
        {
            Batches.Add(requests);
            _gates.Enqueue(gate);
        }

        _received.Release();
        if (await gate.Task is { } failure)
        {
            throw failure;
        }

        return [.. requests.Select(r => new AppendResult(AppendStatus.Appended, r.ExpectedVersion + r.Events.Count, 0))];
    }

    public ValueTask<IReadOnlyList<StoredEvent>> ReadStreamAsync(string accountId, long afterSeq, int maxCount, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<IReadOnlyList<StoredEvent>> ReadLogAsync(long afterPosition, int maxCount, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<Snapshot?> LoadSnapshotAsync(string accountId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask SaveSnapshotAsync(Snapshot snapshot, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public ValueTask<IdempotencyRecord?> FindIdempotencyKeyAsync(string accountId, string key, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
