using System.Buffers;
using System.IO.Pipelines;
using Google.Protobuf;

namespace AccountGrains.Grpc.Internal;

/// <summary>
/// Reads length-prefixed request messages straight from Kestrel's request pipe: the message is parsed from the
/// received segments without copying (unless it is compressed), whatever the DATA frames' split.
/// </summary>
internal static class MessageReader
{
    /// <summary>Reads the one request of a unary or server-streaming call and checks that nothing follows it.</summary>
    public static async ValueTask<T> ReadSingleAsync<T>(HttpServerCallContext context, MessageParser<T> parser)
        where T : IMessage<T>
    {
        var reader = context.HttpContext.Request.BodyReader;
        var token = context.CancellationToken;
        var max = context.Runtime.Options.MaxReceiveMessageSize;
        T? message = default;
        while (true)
        {
            var result = await reader.ReadAsync(token).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (message is null)
            {
                var start = buffer.Start;
                switch (MessageFraming.TryRead(ref buffer, max, out var compressed, out var payload, out _))
                {
                    case FrameReadStatus.Message:
                        message = ParseOrRelease(context, parser, payload, compressed, reader, buffer);
                        break;
                    case FrameReadStatus.TooLarge:
                        reader.AdvanceTo(start);
                        throw TooLarge();
                }
            }

            if (message is not null && !buffer.IsEmpty)
            {
                reader.AdvanceTo(buffer.End);
                throw new RpcException(new Status(StatusCode.Internal, "Additional data after the message received."));
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                reader.AdvanceTo(buffer.End);
                return message ?? throw new RpcException(new Status(
                    StatusCode.Internal, buffer.IsEmpty ? "Request did not include a message." : "Incomplete message."));
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Reads the next message of a request stream; false at its end.</summary>
    public static async ValueTask<(bool HasMessage, T? Message)> ReadNextAsync<T>(HttpServerCallContext context, MessageParser<T> parser, CancellationToken token)
        where T : IMessage<T>
    {
        var reader = context.HttpContext.Request.BodyReader;
        var max = context.Runtime.Options.MaxReceiveMessageSize;
        while (true)
        {
            var result = await reader.ReadAsync(token).ConfigureAwait(false);
            var buffer = result.Buffer;
            var start = buffer.Start;
            switch (MessageFraming.TryRead(ref buffer, max, out var compressed, out var payload, out _))
            {
                case FrameReadStatus.Message:
                    var message = ParseOrRelease(context, parser, payload, compressed, reader, buffer);
                    reader.AdvanceTo(buffer.Start);
                    return (true, message);
                case FrameReadStatus.TooLarge:
                    reader.AdvanceTo(start);
                    throw TooLarge();
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                reader.AdvanceTo(buffer.End);
                return buffer.IsEmpty ? (false, default) : throw new RpcException(new Status(StatusCode.Internal, "Incomplete message."));
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static T ParseOrRelease<T>(HttpServerCallContext context, MessageParser<T> parser, ReadOnlySequence<byte> payload, bool compressed, PipeReader reader, ReadOnlySequence<byte> rest)
        where T : IMessage<T>
    {
        try
        {
            return Parse(context, parser, payload, compressed);
        }
        catch
        {
            // The payload is a slice of the pipe's buffer: hand the buffer back so the reader stays usable.
            reader.AdvanceTo(rest.End);
            throw;
        }
    }

    private static T Parse<T>(HttpServerCallContext context, MessageParser<T> parser, ReadOnlySequence<byte> payload, bool compressed)
        where T : IMessage<T>
    {
        var max = context.Runtime.Options.MaxReceiveMessageSize;
        try
        {
            if (!compressed)
            {
                return parser.ParseFrom(payload);
            }

            var provider = context.RequestCompression
                ?? throw new RpcException(new Status(StatusCode.Internal, "Request sent a compressed message without a grpc-encoding header."));
            bool fits;
            byte[] inflated;
            try
            {
                fits = MessageCompression.TryDecompress(provider, payload.ToArray(), max, out inflated);
            }
            catch (InvalidDataException)
            {
                throw new RpcException(new Status(StatusCode.Internal, $"The request message could not be decompressed with '{provider.EncodingName}'."));
            }

            return fits ? parser.ParseFrom(inflated) : throw TooLarge();
        }
        catch (InvalidProtocolBufferException)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Failed to deserialize the request message."));
        }
    }

    private static RpcException TooLarge() =>
        new(new Status(StatusCode.ResourceExhausted, "Received message exceeds the maximum configured message size."));
}
