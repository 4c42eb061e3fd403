using System.Buffers;
using System.Buffers.Binary;

namespace AccountGrains.Grpc;

/// <summary>What <see cref="MessageFraming.TryRead"/> found at the start of a buffer.</summary>
public enum FrameReadStatus
{
    /// <summary>Not a whole message yet: read more and try again.</summary>
    Incomplete,

    /// <summary>A whole message was read and consumed.</summary>
    Message,

    /// <summary>The prefix announces a message larger than allowed; nothing was consumed.</summary>
    TooLarge,
}

/// <summary>
/// gRPC's length-prefixed messages: a compressed-flag byte, a four-byte big-endian length, the bytes.
/// Works on <see cref="ReadOnlySequence{T}"/> so a message may arrive split over any number of DATA frames.
/// </summary>
public static class MessageFraming
{
    /// <summary>Reads one message from the start of <paramref name="buffer"/> and advances it past the message.</summary>
    /// <param name="buffer">The bytes received so far; advanced past the message on <see cref="FrameReadStatus.Message"/>.</param>
    /// <param name="maxLength">The largest payload accepted.</param>
    /// <param name="compressed">The compressed flag of the message (any non-zero flag byte counts as compressed).</param>
    /// <param name="payload">The message's bytes, a slice of the buffer valid until the buffer is released.</param>
    /// <param name="announcedLength">The length the prefix announced, once the prefix is complete; otherwise -1.</param>
    public static FrameReadStatus TryRead(ref ReadOnlySequence<byte> buffer, int maxLength, out bool compressed, out ReadOnlySequence<byte> payload, out long announcedLength)
    {
        compressed = false;
        payload = default;
        announcedLength = -1;
        if (buffer.Length < GrpcProtocol.MessagePrefixLength)
        {
            return FrameReadStatus.Incomplete;
        }

        Span<byte> prefix = stackalloc byte[GrpcProtocol.MessagePrefixLength];
        buffer.Slice(0, GrpcProtocol.MessagePrefixLength).CopyTo(prefix);
        compressed = prefix[0] != 0;
        announcedLength = BinaryPrimitives.ReadUInt32BigEndian(prefix[1..]);
        if (announcedLength > maxLength)
        {
            return FrameReadStatus.TooLarge;
        }

        if (buffer.Length < GrpcProtocol.MessagePrefixLength + announcedLength)
        {
            return FrameReadStatus.Incomplete;
        }

        payload = buffer.Slice(GrpcProtocol.MessagePrefixLength, announcedLength);
        buffer = buffer.Slice(payload.End);
        return FrameReadStatus.Message;
    }

    /// <summary>Writes a message's five-byte prefix.</summary>
    public static void WritePrefix(Span<byte> destination, bool compressed, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        destination[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)length);
    }

    /// <summary>Writes a whole framed message (prefix and payload) to a buffer writer.</summary>
    public static void Write(IBufferWriter<byte> writer, ReadOnlySpan<byte> payload, bool compressed)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var span = writer.GetSpan(GrpcProtocol.MessagePrefixLength + payload.Length);
        WritePrefix(span, compressed, payload.Length);
        payload.CopyTo(span[GrpcProtocol.MessagePrefixLength..]);
        writer.Advance(GrpcProtocol.MessagePrefixLength + payload.Length);
    }
}
