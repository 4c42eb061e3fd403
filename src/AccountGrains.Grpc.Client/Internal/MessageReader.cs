using System.Buffers;
using System.IO.Pipelines;
using Google.Protobuf;

namespace AccountGrains.Grpc.Client.Internal;

/// <summary>
/// Reads length-prefixed response messages off the response body: size limit, decompression by the response's
/// <c>grpc-encoding</c>, parsing. Protocol violations surface as <see cref="RpcException"/>.
/// </summary>
internal sealed class MessageReader<TResponse>
    where TResponse : IMessage<TResponse>
{
    private readonly PipeReader _pipe;
    private readonly MessageParser<TResponse> _parser;
    private readonly ICompressionProvider? _decompressor;
    private readonly string? _encoding;
    private readonly int _maxLength;

    public MessageReader(Stream body, MessageParser<TResponse> parser, string? encoding, IEnumerable<ICompressionProvider> providers, int? maxLength)
    {
        _pipe = PipeReader.Create(body);
        _parser = parser;
        _encoding = encoding is null or GrpcProtocol.IdentityEncoding ? null : encoding;
        _decompressor = _encoding is null ? null : providers.FirstOrDefault(p => p.EncodingName == _encoding);
        _maxLength = maxLength ?? int.MaxValue;
    }

    /// <summary>Whether the message last read had its compressed flag set (the interop cases assert it).</summary>
    public bool LastMessageCompressed { get; private set; }

    /// <summary>The next message, or <see langword="null"/> at the end of the body.</summary>
    public async ValueTask<TResponse?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _pipe.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var status = MessageFraming.TryRead(ref buffer, _maxLength, out var compressed, out var payload, out var announced);
            switch (status)
            {
                case FrameReadStatus.Message:
                    try
                    {
                        LastMessageCompressed = compressed;
                        return Decode(compressed, payload);
                    }
                    finally
                    {
                        _pipe.AdvanceTo(buffer.Start);
                    }

                case FrameReadStatus.TooLarge:
                    _pipe.AdvanceTo(result.Buffer.Start);
                    throw TooLarge(announced);

                default:
                    if (result.IsCompleted)
                    {
                        _pipe.AdvanceTo(buffer.End);
                        return buffer.IsEmpty
                            ? default
                            : throw new RpcException(new Status(StatusCode.Internal, "The response ended inside a message."));
                    }

                    _pipe.AdvanceTo(buffer.Start, buffer.End);
                    break;
            }
        }
    }

    private TResponse Decode(bool compressed, ReadOnlySequence<byte> payload)
    {
        if (!compressed)
        {
            return Parse(payload);
        }

        if (_encoding is null)
        {
            throw new RpcException(new Status(StatusCode.Internal, "A compressed message arrived without a grpc-encoding (or with identity)."));
        }

        if (_decompressor is null)
        {
            throw new RpcException(new Status(StatusCode.Unimplemented, $"The response is compressed with '{_encoding}', which this client does not support."));
        }

        bool fits;
        byte[] message;
        try
        {
            fits = MessageCompression.TryDecompress(_decompressor, payload.ToArray(), _maxLength, out message);
        }
        catch (InvalidDataException ex)
        {
            throw new RpcException(new Status(StatusCode.Internal, "A response message failed to decompress."), Metadata.Empty, ex);
        }

        return fits ? Parse(new ReadOnlySequence<byte>(message)) : throw TooLarge(announced: null);
    }

    private TResponse Parse(ReadOnlySequence<byte> bytes)
    {
        try
        {
            return _parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Failed to deserialize the response message."), Metadata.Empty, ex);
        }
    }

    private RpcException TooLarge(long? announced) => new(new Status(
        StatusCode.ResourceExhausted,
        announced is { } length
            ? $"Received message exceeds the maximum configured message size ({length} > {_maxLength} bytes)."
            : $"Received message decompresses past the maximum configured message size ({_maxLength} bytes)."));
}
