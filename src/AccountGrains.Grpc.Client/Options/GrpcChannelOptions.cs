namespace AccountGrains.Grpc.Client;

/// <summary>Settings of a <see cref="GrpcChannel"/>; validated when the channel is created.</summary>
public sealed class GrpcChannelOptions
{
    /// <summary>
    /// The handler that sends the HTTP/2 requests. Default <see langword="null"/>: the channel creates (and owns) a
    /// <see cref="SocketsHttpHandler"/> configured from the settings below. A handler given here is used as it is.
    /// </summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>Whether disposing the channel disposes <see cref="HttpHandler"/>. Default <see langword="false"/> (the caller owns it).</summary>
    public bool DisposeHttpHandler { get; set; }

    /// <summary>The largest response message accepted, after decompression; larger ones fail the call with
    /// <see cref="StatusCode.ResourceExhausted"/>. Default 4 MiB; <see langword="null"/> for no limit.</summary>
    public int? MaxReceiveMessageSize { get; set; } = GrpcProtocol.DefaultMaxReceiveMessageSize;

    /// <summary>The largest request message sent (serialized, before compression); larger ones fail the call with
    /// <see cref="StatusCode.ResourceExhausted"/> without sending it. Default <see langword="null"/>: no limit.</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>The compressions the channel can send (<see cref="CallOptions.WriteCompression"/>) and decode.
    /// Default gzip and deflate (<see cref="MessageCompression.DefaultProviders"/>).</summary>
    public IList<ICompressionProvider> CompressionProviders { get; set; } = [.. MessageCompression.DefaultProviders];

    /// <summary>The timeout of calls that set neither <see cref="CallOptions.Deadline"/> nor <see cref="CallOptions.Timeout"/>.
    /// Default <see langword="null"/>: no deadline.</summary>
    public TimeSpan? DefaultTimeout { get; set; }

    /// <summary>The retry of <see cref="StatusCode.Unavailable"/> for calls marked safe to retry. Default: see <see cref="GrpcRetryPolicy"/>.</summary>
    public GrpcRetryPolicy Retry { get; set; } = new();

    /// <summary>The clock of deadlines and retry backoffs. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>How long opening a connection may take before the call fails with <see cref="StatusCode.Unavailable"/>
    /// (own handler only). Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Idle time after which an HTTP/2 PING checks the connection (own handler only). Default 60 s; <see cref="Timeout.InfiniteTimeSpan"/> for none.</summary>
    public TimeSpan KeepAlivePingDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a keep-alive PING may go unanswered before the connection is closed (own handler only). Default 20 s.</summary>
    public TimeSpan KeepAlivePingTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long an idle pooled connection is kept open (own handler only). Default 5 min.</summary>
    public TimeSpan PooledConnectionIdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    internal void Validate()
    {
        if (MaxReceiveMessageSize is { } receive)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(receive, nameof(MaxReceiveMessageSize));
        }

        if (MaxSendMessageSize is { } send)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(send, nameof(MaxSendMessageSize));
        }

        ArgumentNullException.ThrowIfNull(CompressionProviders, nameof(CompressionProviders));
        ArgumentNullException.ThrowIfNull(Retry, nameof(Retry));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
        foreach (var provider in CompressionProviders)
        {
            if (provider is null || string.IsNullOrWhiteSpace(provider.EncodingName) || provider.EncodingName == GrpcProtocol.IdentityEncoding)
            {
                throw new ArgumentException("Every compression provider needs a name other than 'identity'.", nameof(CompressionProviders));
            }
        }

        if (DefaultTimeout is { } timeout)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero, nameof(DefaultTimeout));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ConnectTimeout, TimeSpan.Zero, nameof(ConnectTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(KeepAlivePingTimeout, TimeSpan.Zero, nameof(KeepAlivePingTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(PooledConnectionIdleTimeout, TimeSpan.Zero, nameof(PooledConnectionIdleTimeout));
        if (KeepAlivePingDelay != Timeout.InfiniteTimeSpan)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(KeepAlivePingDelay, TimeSpan.Zero, nameof(KeepAlivePingDelay));
        }

        Retry.Validate();
    }
}
