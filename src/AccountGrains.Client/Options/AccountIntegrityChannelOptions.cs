using Microsoft.Extensions.Logging;

namespace AccountGrains.Client;

/// <summary>
/// Settings of an <see cref="AccountIntegrityChannel"/>, the connection several clients (one per key or agent) share;
/// validated when the channel is created (<see cref="Validate"/>).
/// </summary>
public sealed class AccountIntegrityChannelOptions
{
    /// <summary>The silo's address, such as <c>http://127.0.0.1:50051</c> (<c>http</c> is HTTP/2 cleartext). Required.</summary>
    public Uri? Address { get; set; }

    /// <summary>How long a call may take when the caller gives no deadline, retries and backoffs included.
    /// Default 5 s; <see langword="null"/> for no deadline (not recommended: a call to a stuck silo would wait for
    /// the server's own bound).</summary>
    public TimeSpan? DefaultTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How UNAVAILABLE is retried for the calls that are safe to repeat. Default: 3 attempts, backoff bound
    /// 100 ms doubling up to 2 s, full jitter; <c>MaxAttempts = 1</c> turns retries off.</summary>
    public AccountIntegrityRetryOptions Retry { get; set; } = new();

    /// <summary>The handler that sends the HTTP/2 requests. Default <see langword="null"/>: grpc-dotnet's own
    /// <see cref="SocketsHttpHandler"/>. A handler given here is used as it is and not disposed with the channel.</summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>Where grpc-dotnet's channel logs (connections, each retried attempt and why it was not retried).
    /// Default <see langword="null"/>: no logging.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Fails fast on a missing or non-http(s) address, a non-positive timeout or a bad retry setting.</summary>
    /// <exception cref="ArgumentException">An option is invalid; the exception names it.</exception>
    public void Validate()
    {
        ValidateAddress(Address);
        ValidateTimeout(DefaultTimeout);
        ArgumentNullException.ThrowIfNull(Retry, nameof(Retry));
        Retry.Validate();
    }

    internal static void ValidateAddress(Uri? address)
    {
        if (address is null || !address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps)
            || address.Host.Length == 0)
        {
            throw new ArgumentException("Address must be an absolute http or https address, such as http://127.0.0.1:50051.", nameof(Address));
        }
    }

    internal static void ValidateTimeout(TimeSpan? timeout)
    {
        if (timeout is { } t && t <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(DefaultTimeout), t, "DefaultTimeout must be positive, or null for no deadline.");
        }
    }
}
