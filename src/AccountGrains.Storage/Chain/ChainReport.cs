namespace AccountGrains.Storage;

/// <summary>How a stored stream departs from its chain, at its first broken link.</summary>
public enum ChainBreak
{
    /// <summary>The stored hash is not the one recomputed from the event and its predecessor: the event, or its hash, was edited.</summary>
    HashMismatch = 1,

    /// <summary>A seq is missing (an event was deleted) or out of place.</summary>
    SeqGap = 2,

    /// <summary>An event after hashing began carries no hash: its hash was removed.</summary>
    MissingHash = 3,

    /// <summary>The stream's recorded version is past its last stored event: the newest events were deleted.</summary>
    Truncated = 4,
}

/// <summary>The first broken link of an account's chain.</summary>
/// <param name="Seq">The seq where the chain breaks (for <see cref="ChainBreak.SeqGap"/> and <see cref="ChainBreak.Truncated"/>, the seq that was expected).</param>
/// <param name="Kind">How it breaks.</param>
/// <param name="Expected">The hash recomputed there (empty when there is no event to recompute).</param>
/// <param name="Stored">The hash stored there (empty when none is).</param>
public sealed record ChainLink(long Seq, ChainBreak Kind, ReadOnlyMemory<byte> Expected, ReadOnlyMemory<byte> Stored);

/// <summary>What <see cref="EventChainVerifier"/> found for one account.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="Events">How many stored events were read.</param>
/// <param name="UnhashedPrefix">How many leading events were written before hashing began: the chain does not cover them.</param>
/// <param name="LastSeq">The last stored event's seq (0 when none).</param>
/// <param name="HeadHash">The last verified hash (empty when no event is hashed): compare it with a copy kept elsewhere to detect a rewritten chain.</param>
/// <param name="FirstBroken">The first broken link, or <see langword="null"/> when the chain holds.</param>
public sealed record ChainReport(string AccountId, long Events, long UnhashedPrefix, long LastSeq, ReadOnlyMemory<byte> HeadHash, ChainLink? FirstBroken)
{
    /// <summary>Whether every hashed event verifies and no seq is missing.</summary>
    public bool Ok => FirstBroken is null;
}

/// <summary>What a store knows beyond the events themselves that a chain check needs.</summary>
/// <param name="StreamVersion">The stream's recorded version (0 for an unknown account).</param>
/// <param name="HashedAfterPosition">Events at a global position above this one were written with hashes; a missing hash there is tampering.</param>
public readonly record struct ChainAnchor(long StreamVersion, long HashedAfterPosition);

/// <summary>A store that keeps event hashes and can name a stream's anchor (both bundled providers do).</summary>
public interface IEventChainStore
{
    /// <summary>Reads the stream's recorded version and where hashing began.</summary>
    ValueTask<ChainAnchor> ReadChainAnchorAsync(string accountId, CancellationToken cancellationToken = default);
}
