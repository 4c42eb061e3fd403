using AccountGrains.Storage;

namespace AccountGrains.Api.Tests.Support;

/// <summary>
/// The silo's store, except that the accounts whose id starts with <see cref="Prefix"/> cannot be read: their grain
/// fails to load with the store's own "unavailable" error, as when the database is cut off.
/// </summary>
internal sealed class UnreachableAccountsStore(IEventStore inner) : IEventStore
{
    public const string Prefix = "unreachable-";

    public ValueTask<IReadOnlyList<AppendResult>> AppendBatchAsync(IReadOnlyList<AppendRequest> requests, CancellationToken cancellationToken = default) =>
        inner.AppendBatchAsync(requests, cancellationToken);

    public ValueTask<IReadOnlyList<StoredEvent>> ReadStreamAsync(string accountId, long afterSeq, int maxCount, CancellationToken cancellationToken = default) =>
        Unreachable(accountId) ? throw new StoreUnavailableException("The test store cannot reach this account.") : inner.ReadStreamAsync(accountId, afterSeq, maxCount, cancellationToken);

    public ValueTask<IReadOnlyList<StoredEvent>> ReadLogAsync(long afterPosition, int maxCount, CancellationToken cancellationToken = default) =>
        inner.ReadLogAsync(afterPosition, maxCount, cancellationToken);

    public ValueTask<Snapshot?> LoadSnapshotAsync(string accountId, CancellationToken cancellationToken = default) =>
        Unreachable(accountId) ? throw new StoreUnavailableException("The test store cannot reach this account.") : inner.LoadSnapshotAsync(accountId, cancellationToken);

    public ValueTask SaveSnapshotAsync(Snapshot snapshot, CancellationToken cancellationToken = default) => inner.SaveSnapshotAsync(snapshot, cancellationToken);

    public ValueTask<IdempotencyRecord?> FindIdempotencyKeyAsync(string accountId, string key, CancellationToken cancellationToken = default) =>
        inner.FindIdempotencyKeyAsync(accountId, key, cancellationToken);

    private static bool Unreachable(string accountId) => accountId.StartsWith(Prefix, StringComparison.Ordinal);
}
