namespace AccountGrains.Storage;

/// <summary>
/// Appends <see cref="Events"/> to one account's stream if, and only if, the stream is still at
/// <see cref="ExpectedVersion"/>. Everything in a request commits together or not at all.
/// </summary>
/// <param name="AccountId">The account (stream).</param>
/// <param name="ExpectedVersion">The stream's version the caller decided on (0 for a new stream).</param>
/// <param name="Events">The events, at least one; they take seqs <c>ExpectedVersion + 1</c> onwards.</param>
/// <param name="IdempotencyKey">
/// When set, recorded with the append; a later request with the same key on the same account writes
/// nothing and answers <see cref="AppendStatus.DuplicateIdempotencyKey"/>.
/// </param>
public sealed record AppendRequest(
    string AccountId,
    long ExpectedVersion,
    IReadOnlyList<EventData> Events,
    string? IdempotencyKey = null)
{
    /// <summary>
    /// The chain hash of the stream's event at <see cref="ExpectedVersion"/> as the caller knows it (<see cref="EventChain.Genesis"/>
    /// when that event carries none), or <see langword="null"/> when the caller does not know it and the store looks it up.
    /// A store refuses a request whose previous hash is not the stored one as a <see cref="AppendStatus.Conflict"/>, so a
    /// caller's stale idea of its stream never forks the chain. Ignored for a new stream (it chains to the genesis).
    /// </summary>
    public ReadOnlyMemory<byte>? PreviousHash { get; init; }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> when the request cannot be appended: an empty account id, a
    /// negative expected version, no events, an empty idempotency key, or a previous hash that is not 32 bytes. Stores and the group-commit
    /// writer check this before sending, so one malformed request never fails a batch of others.
    /// </summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(AccountId, nameof(AccountId));
        ArgumentOutOfRangeException.ThrowIfNegative(ExpectedVersion, nameof(ExpectedVersion));
        ArgumentNullException.ThrowIfNull(Events, nameof(Events));
        if (Events.Count == 0)
        {
            throw new ArgumentException("An append needs at least one event.", nameof(Events));
        }

        if (IdempotencyKey is not null && IdempotencyKey.Length == 0)
        {
            throw new ArgumentException("An idempotency key, when given, is not empty.", nameof(IdempotencyKey));
        }

        if (PreviousHash is { Length: not EventChain.HashLength })
        {
            throw new ArgumentException($"A previous hash, when given, is {EventChain.HashLength} bytes.", nameof(PreviousHash));
        }
    }
}

/// <summary>What became of one <see cref="AppendRequest"/>.</summary>
public enum AppendStatus
{
    /// <summary>The events are committed.</summary>
    Appended,

    /// <summary>The stream was not at the expected version; nothing was written. Reload and decide again.</summary>
    Conflict,

    /// <summary>The idempotency key was used before on this account; nothing was written.</summary>
    DuplicateIdempotencyKey,
}

/// <summary>The outcome of one append.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Version">After <see cref="AppendStatus.Appended"/>, the stream's new version (the last event's seq); otherwise the version the store saw, or -1 when unknown.</param>
/// <param name="LastPosition">After <see cref="AppendStatus.Appended"/>, the global position of the last event; otherwise -1.</param>
public readonly record struct AppendResult(AppendStatus Status, long Version, long LastPosition);

/// <summary>Where an idempotency key was first used.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="Key">The key.</param>
/// <param name="FirstSeq">The seq of the first event that append wrote.</param>
/// <param name="LastSeq">The seq of its last event.</param>
public sealed record IdempotencyRecord(string AccountId, string Key, long FirstSeq, long LastSeq);
