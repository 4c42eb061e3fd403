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

        var buffer = new ArrayBufferWriter<byte>(256 + data.Data.Length);
        Write(buffer, [Version]);
        Write(buffer, previous);
        WriteString(buffer, accountId);
        WriteInt64(buffer, seq);
        WriteString(buffer, data.Type);
        WriteInt64(buffer, Microseconds(data.At));
        WriteString(buffer, data.Actor);
        if (data.Reason is { } reason)
        {
            Write(buffer, [1]);
            WriteString(buffer, reason);
        }
        else
        {
            Write(buffer, [0]);
        }

        WriteInt32(buffer, data.Data.Length);
        Write(buffer, data.Data.Span);
        return SHA256.HashData(buffer.WrittenSpan);
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

    private static void WriteString(ArrayBufferWriter<byte> buffer, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteInt32(buffer, length);
        Encoding.UTF8.GetBytes(value, buffer.GetSpan(length));
        buffer.Advance(length);
    }

    private static void WriteInt64(ArrayBufferWriter<byte> buffer, long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(buffer.GetSpan(8), value);
        buffer.Advance(8);
    }

    private static void WriteInt32(ArrayBufferWriter<byte> buffer, int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(buffer.GetSpan(4), value);
        buffer.Advance(4);
    }

    private static void Write(ArrayBufferWriter<byte> buffer, ReadOnlySpan<byte> bytes) => buffer.Write(bytes);
}
