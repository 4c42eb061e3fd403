using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace AccountGrains.Storage;

/// <summary>
/// The tamper-evident chain of one account's events: each event's hash is SHA-256 over the previous event's hash
/// and the event's canonical encoding, so editing, inserting or deleting a stored event changes every later hash.
/// The rules and the byte layout are in <c>docs/decisions/0014-tamper-evident-history.md</c>.
/// </summary>
public static class EventChain
{
    /// <summary>The length of every hash in the chain (SHA-256).</summary>
    public const int HashLength = SHA256.HashSizeInBytes;

    private const byte Version = 1;

    private static readonly byte[] GenesisBytes = SHA256.HashData("accountgrains.event-chain.v1.genesis"u8);

    /// <summary>
    /// What the first hashed event of an account chains to: the first event of a stream, or the first written after
    /// hashing began (its predecessors, written before, carry no hash).
    /// </summary>
    public static ReadOnlyMemory<byte> Genesis => GenesisBytes;

    /// <summary>The hash of the event at <paramref name="seq"/> of <paramref name="accountId"/>, chained to <paramref name="previous"/>.</summary>
    /// <param name="previous">The hash of the event at <c>seq - 1</c>, or <see cref="Genesis"/> (see the remarks of <see cref="EventChain"/>).</param>
    /// <param name="accountId">The account (stream).</param>
    /// <param name="seq">The event's seq.</param>
    /// <param name="data">The event as the store keeps it.</param>
    /// <exception cref="ArgumentException"><paramref name="previous"/> is not <see cref="HashLength"/> bytes.</exception>
    public static byte[] Next(ReadOnlySpan<byte> previous, string accountId, long seq, EventData data)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        ArgumentNullException.ThrowIfNull(data);
        if (previous.Length != HashLength)
        {
            throw new ArgumentException($"A chain hash is {HashLength} bytes.", nameof(previous));
        }

        var length = 1 + HashLength + Sized(accountId) + 8 + Sized(data.Type) + 8 + Sized(data.Actor)
            + 1 + (data.Reason is null ? 0 : Sized(data.Reason)) + 4 + data.Data.Length;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var span = rented.AsSpan(0, length);
            var at = 0;
            span[at++] = Version;
            previous.CopyTo(span[at..]);
            at += HashLength;
            at += WriteString(span[at..], accountId);
            BinaryPrimitives.WriteInt64BigEndian(span[at..], seq);
            at += 8;
            at += WriteString(span[at..], data.Type);
            BinaryPrimitives.WriteInt64BigEndian(span[at..], Microseconds(data.At));
            at += 8;
            at += WriteString(span[at..], data.Actor);
            span[at++] = data.Reason is null ? (byte)0 : (byte)1;
            if (data.Reason is { } reason)
            {
                at += WriteString(span[at..], reason);
            }

            BinaryPrimitives.WriteInt32BigEndian(span[at..], data.Data.Length);
            at += 4;
            data.Data.Span.CopyTo(span[at..]);
            return SHA256.HashData(span);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The hashes of <paramref name="events"/> appended after <paramref name="previous"/>, taking seqs <c>afterSeq + 1</c> onwards.</summary>
    public static byte[][] Extend(ReadOnlySpan<byte> previous, string accountId, long afterSeq, IReadOnlyList<EventData> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var hashes = new byte[events.Count][];
        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i] = Next(i == 0 ? previous : hashes[i - 1], accountId, afterSeq + i + 1, events[i]);
        }

        return hashes;
    }

    // Stores keep the instant to the microsecond; hashing the same precision makes a read-back event hash the same.
    private static long Microseconds(DateTimeOffset at) => at.UtcTicks / 10;

    private static int Sized(string value) => 4 + Encoding.UTF8.GetByteCount(value);

    private static int WriteString(Span<byte> span, string value)
    {
        var written = Encoding.UTF8.GetBytes(value, span[4..]);
        BinaryPrimitives.WriteInt32BigEndian(span, written);
        return 4 + written;
    }
}
