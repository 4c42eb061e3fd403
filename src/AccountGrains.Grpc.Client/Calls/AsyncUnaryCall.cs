using System.Runtime.CompilerServices;
using AccountGrains.Grpc.Client.Internal;

namespace AccountGrains.Grpc.Client;

/// <summary>
/// A running unary call: await it (or <see cref="ResponseAsync"/>) for the response; the response headers, status and
/// trailers are there too. A failed call throws <see cref="RpcException"/> with the status and trailers.
/// Disposing an unfinished call cancels it.
/// </summary>
/// <typeparam name="TResponse">The response message.</typeparam>
public sealed class AsyncUnaryCall<TResponse> : IDisposable
{
    private readonly ICallState<TResponse> _state;

    internal AsyncUnaryCall(Task<TResponse> response, ICallState<TResponse> state)
    {
        ResponseAsync = response;
        _state = state;
    }

    /// <summary>The response message; faults with <see cref="RpcException"/> when the call fails.</summary>
    public Task<TResponse> ResponseAsync { get; }

    /// <summary>The response headers (custom metadata); faults with <see cref="RpcException"/> when the call fails before any response.</summary>
    public Task<Metadata> ResponseHeadersAsync => _state.ResponseHeadersAsync;

    /// <summary>Whether the response message arrived compressed (the interop cases assert it).</summary>
    internal bool ResponseCompressed => _state.LastMessageCompressed;

    /// <summary>The call's status.</summary>
    /// <exception cref="InvalidOperationException">The call has not finished.</exception>
    public Status GetStatus() => _state.GetStatus();

    /// <summary>The trailers (custom metadata) the server sent with the status.</summary>
    /// <exception cref="InvalidOperationException">The call has not finished.</exception>
    public Metadata GetTrailers() => _state.GetTrailers();

    /// <summary>Lets the call be awaited for its response.</summary>
    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();

    /// <summary>Cancels the call if it has not finished; a finished call keeps its status.</summary>
    public void Dispose() => _state.Dispose();
}
