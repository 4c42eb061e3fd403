namespace AccountGrains.Grpc;

/// <summary>The stream of messages a client sends on a client-streaming or duplex call.</summary>
/// <typeparam name="T">The message type.</typeparam>
public interface IAsyncStreamReader<out T>
{
    /// <summary>The message read by the last successful <see cref="MoveNext"/>.</summary>
    T Current { get; }

    /// <summary>Reads the next message; false when the client has finished sending.</summary>
    /// <exception cref="RpcException">The message is malformed or too large (the call ends with that status).</exception>
    Task<bool> MoveNext(CancellationToken cancellationToken);
}

/// <summary>The stream of messages a server sends on a server-streaming or duplex call.</summary>
/// <typeparam name="T">The message type.</typeparam>
public interface IServerStreamWriter<in T>
{
    /// <summary>Sends one message (the response headers go first if not sent yet). One write at a time.</summary>
    /// <exception cref="InvalidOperationException">The call has already ended (its deadline passed or the server is shutting down).</exception>
    Task WriteAsync(T message);
}
