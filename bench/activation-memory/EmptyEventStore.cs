using AccountGrains.Storage;

namespace AccountGrains.Bench.ActivationMemory;

/// <summary>
/// A store that has never seen any account: every activation loads the empty state, as a never-seen account
/// does on a real store, and what is measured is the activation alone. It takes no write, so the bench also
/// shows that activating and verifying a never-seen account writes nothing (a write fails the run).
/// </summary>
internal sealed class EmptyEventStore : IEventStore
{
    public ValueTask<IReadOnlyList<AppendResult>> AppendBatchAsync(IReadOnlyList<AppendRequest> requests, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("A never-seen account was written to: Verify must not write.");

    public ValueTask<IReadOnlyList<StoredEvent>> ReadStreamAsync(string accountId, long afterSeq, int maxCount, CancellationToken cancellationToken = default) =>
        new([]);

    public ValueTask<IReadOnlyList<StoredEvent>> ReadLogAsync(long afterPosition, int maxCount, CancellationToken cancellationToken = default) =>
        new([]);

    public ValueTask<Snapshot?> LoadSnapshotAsync(string accountId, CancellationToken cancellationToken = default) => new((Snapshot?)null);

    public ValueTask SaveSnapshotAsync(Snapshot snapshot, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("A never-seen account saved a snapshot: Verify must not write.");

    public ValueTask<IdempotencyRecord?> FindIdempotencyKeyAsync(string accountId, string key, CancellationToken cancellationToken = default) =>
        new((IdempotencyRecord?)null);
}
