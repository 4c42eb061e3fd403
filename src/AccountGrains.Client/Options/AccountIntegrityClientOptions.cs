using AccountGrains.Grpc.Client;

namespace AccountGrains.Client;

/// <summary>
/// Settings of an <see cref="AccountIntegrityClient"/> that creates its own channel; validated when the client is
/// created (<see cref="Validate"/>). The key is sent as <c>authorization: Bearer &lt;key&gt;</c> and never printed.
/// </summary>
public sealed class AccountIntegrityClientOptions
{
    /// <summary>The longest <see cref="OnBehalfOf"/> the gateway accepts.</summary>
    public const int MaxOnBehalfOfLength = 64;

    /// <summary>The silo's address, such as <c>http://127.0.0.1:50051</c> (<c>http</c> is HTTP/2 cleartext). Required.</summary>
    public Uri? Address { get; set; }

    /// <summary>The API key. Default <see langword="null"/>: no <c>authorization</c> header, which only an open silo
    /// (no keys configured, loopback only) accepts.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The agent an <c>agent</c> or <c>vendor</c> key acts for, sent as <c>x-on-behalf-of</c> and written into
    /// history with the key's name. Required by those roles; 1–64 characters of <c>[A-Za-z0-9_.@-]</c>.
    /// Default <see langword="null"/>. To act for several agents, create one client per agent over one
    /// <see cref="GrpcChannel"/> (<see cref="AccountIntegrityClient(GrpcChannel, string?, string?)"/>).</summary>
    public string? OnBehalfOf { get; set; }

    /// <summary>How long a call may take when the caller gives no deadline, retries and backoffs included.
    /// Default 5 s; <see langword="null"/> for no deadline (not recommended: a call to a stuck silo would wait forever).</summary>
    public TimeSpan? DefaultTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How UNAVAILABLE is retried for the idempotent calls (Verify, GetAccount, GetHistory, and writes that
    /// carry an idempotency key). Default: 3 attempts, backoff bound 100 ms doubling up to 2 s, full jitter
    /// (see <see cref="GrpcRetryPolicy"/>); <c>MaxAttempts = 1</c> turns retries off.</summary>
    public GrpcRetryPolicy Retry { get; set; } = new();

    /// <summary>The handler that sends the HTTP/2 requests. Default <see langword="null"/>: the channel's own
    /// <see cref="SocketsHttpHandler"/>. A handler given here is used as it is and not disposed with the client.</summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>Fails fast on a missing or non-http(s) address, a malformed key or agent id, or a non-positive timeout.</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it (never the key).</exception>
    public void Validate()
    {
        if (Address is null || !Address.IsAbsoluteUri || (Address.Scheme != Uri.UriSchemeHttp && Address.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("Address must be an absolute http or https address, such as http://127.0.0.1:50051.", nameof(Address));
        }

        ValidateCredentials(ApiKey, OnBehalfOf);
        if (DefaultTimeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(DefaultTimeout), timeout, "DefaultTimeout must be positive, or null for no deadline.");
        }

        ArgumentNullException.ThrowIfNull(Retry, nameof(Retry));
    }

    internal static void ValidateCredentials(string? apiKey, string? onBehalfOf)
    {
        // A header value with a control character would be refused by HttpClient mid-call; say so up front.
        if (apiKey is not null && (apiKey.Length == 0 || apiKey.Any(c => c < 0x21 || c > 0x7e)))
        {
            throw new ArgumentException("ApiKey must be non-empty printable ASCII without spaces.", nameof(ApiKey));
        }

        if (onBehalfOf is not null
            && (onBehalfOf.Length is 0 or > MaxOnBehalfOfLength || !onBehalfOf.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '@' or '-')))
        {
            throw new ArgumentException("OnBehalfOf must be 1-64 characters of [A-Za-z0-9_.@-].", nameof(OnBehalfOf));
        }
    }
}
