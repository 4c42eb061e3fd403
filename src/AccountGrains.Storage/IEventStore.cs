namespace AccountGrains.Storage;

/// <summary>
/// The system of record: per-account event streams with optimistic concurrency, one global log in
/// commit order, snapshots and idempotency keys. <c>(account_id, seq)</c> is unique, so a stale or
/// concurrent writer gets <see cref="AppendStatus.Conflict"/> and history never forks.
/// </summary>
/// <remarks>
/// Every method throws <see cref="StoreUnavailableException"/> when the store cannot be reached; callers
/// may retry those. An acknowledged append is committed (durable) before the call returns.
/// </remarks>
public interface IEventStore
{
    /// <summary>Appends the requests in one transaction and one round trip (group commit), each with its own outcome.</summary>
    /// <remarks>
    /// A conflict or duplicate key in one request never fails the others. Requests for the same
    /// account are applied in list order, so the second sees the first's version.
    /// </remarks>
    ValueTask<IReadOnlyList<AppendResult>> AppendBatchAsync(IReadOnlyList<AppendRequest> requests, CancellationToken cancellationToken = default);

    /// <summary>Reads up to <paramref name="maxCount"/> events of one account with seq greater than <paramref name="afterSeq"/>, in seq order.</summary>
    ValueTask<IReadOnlyList<StoredEvent>> ReadStreamAsync(string accountId, long afterSeq, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>Reads up to <paramref name="maxCount"/> events of all accounts with position greater than <paramref name="afterPosition"/>, in position (commit) order.</summary>
    /// <remarks>Only committed events are returned, and none can later appear at or below a position already returned.</remarks>
    ValueTask<IReadOnlyList<StoredEvent>> ReadLogAsync(long afterPosition, int maxCount, CancellationToken cancellationToken = default);

    /// <summary>Loads the latest snapshot of an account, or <see langword="null"/>.</summary>
    ValueTask<Snapshot?> LoadSnapshotAsync(string accountId, CancellationToken cancellationToken = default);

    /// <summary>Saves a snapshot, replacing an older one; a snapshot older than the stored one is ignored.</summary>
    ValueTask SaveSnapshotAsync(Snapshot snapshot, CancellationToken cancellationToken = default);

    /// <summary>Finds where an idempotency key was first used on an account, or <see langword="null"/>.</summary>
    ValueTask<IdempotencyRecord?> FindIdempotencyKeyAsync(string accountId, string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// What an activation reads: the account's latest snapshot and up to <paramref name="maxCount"/> of its events from
    /// the snapshot's own last event on (from the first event when there is no snapshot), as one consistent read.
    /// </summary>
    /// <remarks>
    /// The snapshot's last event comes first so the reader learns its hash without another read. This default reads
    /// the snapshot, then the stream; a store that can should answer in one round trip (PostgreSQL does: a cold
    /// activation is that round trip).
    /// </remarks>
    async ValueTask<AccountLoad> LoadAccountAsync(string accountId, int maxCount, CancellationToken cancellationToken = default)
    {
        var snapshot = await LoadSnapshotAsync(accountId, cancellationToken).ConfigureAwait(false);
        var events = await ReadStreamAsync(accountId, Math.Max((snapshot?.Version ?? 0) - 1, 0), maxCount, cancellationToken).ConfigureAwait(false);
        return new AccountLoad(snapshot, events);
    }
}

/// <summary>A store that owns its schema: versioned scripts applied on start, idempotently.</summary>
public interface IStoreSchema
{
    /// <summary>Creates or upgrades the schema to the version this code expects; safe to call on every start and from several processes at once.</summary>
    ValueTask MigrateAsync(CancellationToken cancellationToken = default);
}
