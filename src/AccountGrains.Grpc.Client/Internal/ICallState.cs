namespace AccountGrains.Grpc.Client.Internal;

/// <summary>What the public call types read from a running call, without its request type.</summary>
internal interface ICallState<TResponse> : IDisposable
{
    Task<Metadata> ResponseHeadersAsync { get; }

    bool LastMessageCompressed { get; }

    Status GetStatus();

    Metadata GetTrailers();

    /// <summary>The next streamed message, or <see langword="null"/> once the call ended with OK.</summary>
    ValueTask<TResponse?> ReadNextAsync(CancellationToken cancellationToken);
}
