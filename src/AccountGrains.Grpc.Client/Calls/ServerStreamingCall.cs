using System.Runtime.CompilerServices;
using AccountGrains.Grpc.Client.Internal;

namespace AccountGrains.Grpc.Client;

/// <summary>
/// A running server-streaming call: enumerate <see cref="ResponseStream"/> (once) for the messages; the enumeration ends
/// when the call ends with OK and throws <see cref="RpcException"/> when it fails. Disposing an unfinished call cancels it.
/// </summary>
/// <typeparam name="TResponse">The response message.</typeparam>
public sealed class ServerStreamingCall<TResponse> : IDisposable
{
    private readonly ICallState<TResponse> _state;
    private readonly Task _started;
    private int _enumerated;

    internal ServerStreamingCall(Task started, ICallState<TResponse> state)
    {
        _started = started;
        _state = state;
    }

    /// <summary>
    /// The response messages, in order. A cancellation token given to the enumeration
    /// (<c>WithCancellation</c>) cancels the call itself.
    /// </summary>
    /// <exception cref="InvalidOperationException">The stream is enumerated a second time.</exception>
    public IAsyncEnumerable<TResponse> ResponseStream => ReadAllAsync();

    /// <summary>The response headers (custom metadata); faults with <see cref="RpcException"/> when the call fails before any response.</summary>
    public Task<Metadata> ResponseHeadersAsync => _state.ResponseHeadersAsync;

    /// <summary>Whether the message last read arrived compressed (the interop cases assert it).</summary>
    internal bool LastMessageCompressed => _state.LastMessageCompressed;

    /// <summary>The call's status.</summary>
    /// <exception cref="InvalidOperationException">The call has not finished.</exception>
    public Status GetStatus() => _state.GetStatus();

    /// <summary>The trailers (custom metadata) the server sent with the status.</summary>
    /// <exception cref="InvalidOperationException">The call has not finished.</exception>
    public Metadata GetTrailers() => _state.GetTrailers();

    /// <summary>Cancels the call if it has not finished; a finished call keeps its status.</summary>
    public void Dispose() => _state.Dispose();

    private async IAsyncEnumerable<TResponse> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _enumerated, 1) != 0)
        {
            throw new InvalidOperationException("The response stream can be read only once.");
        }

        using (cancellationToken.Register(static state => ((IDisposable)state!).Dispose(), _state))
        {
            await _started.ConfigureAwait(false);
        }

        while (await _state.ReadNextAsync(cancellationToken).ConfigureAwait(false) is { } message)
        {
            yield return message;
        }
    }
}
