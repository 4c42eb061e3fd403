namespace AccountGrains.Grpc.Client;

/// <summary>Per-call settings. The default value means: no deadline (unless the channel sets one), no cancellation,
/// no custom headers, uncompressed request, no retry.</summary>
public readonly record struct CallOptions
{
    /// <summary>The instant the call must be done by; it fails with <see cref="StatusCode.DeadlineExceeded"/> after it.
    /// When both this and <see cref="Timeout"/> are set, the earlier wins.</summary>
    public DateTimeOffset? Deadline { get; init; }

    /// <summary>How long the call may take from its start; see <see cref="Deadline"/>.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>Cancels the call: it fails with <see cref="StatusCode.Cancelled"/> and its HTTP/2 stream is reset.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Custom request metadata; keys ending in <c>-bin</c> are sent base64-encoded. Reserved keys
    /// (<c>grpc-*</c>, <c>content-type</c>, <c>te</c>, …) are refused.</summary>
    public Metadata? Headers { get; init; }

    /// <summary>The encoding (<c>gzip</c>, <c>deflate</c>, or another name among the channel's providers) the request
    /// message is compressed with; <see langword="null"/> or <c>identity</c> sends it uncompressed.</summary>
    public string? WriteCompression { get; init; }

    /// <summary>Marks the call idempotent: it is retried on <see cref="StatusCode.Unavailable"/> by the channel's
    /// <see cref="GrpcChannelOptions.Retry"/> policy. Default <see langword="false"/>: never retried.</summary>
    public bool IsSafeToRetry { get; init; }
}
