using Google.Protobuf;

namespace AccountGrains.Grpc.Internal;

/// <summary>The request stream of a client-streaming or duplex call.</summary>
internal sealed class HttpRequestStreamReader<T>(HttpServerCallContext context, MessageParser<T> parser) : IAsyncStreamReader<T>
    where T : class, IMessage<T>
{
    private T? _current;

    public T Current => _current ?? throw new InvalidOperationException("MoveNext has not returned true yet.");

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        // The call's own token (deadline, client, shutdown) always applies; the caller's may end the read sooner.
        var callToken = context.CancellationToken;
        using var linked = cancellationToken.CanBeCanceled && cancellationToken != callToken
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, callToken)
            : null;
        var (hasMessage, message) = await MessageReader.ReadNextAsync(context, parser, linked?.Token ?? callToken).ConfigureAwait(false);
        _current = message;
        return hasMessage;
    }
}

/// <summary>The response stream of a server-streaming or duplex call.</summary>
internal sealed class HttpResponseStreamWriter<T>(HttpServerCallContext context) : IServerStreamWriter<T>
    where T : class, IMessage<T>
{
    public Task WriteAsync(T message) => context.WriteStreamMessageAsync(message).AsTask();
}
