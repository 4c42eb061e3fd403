using AccountGrains.Client.Internal;
using Microsoft.Extensions.Logging;

namespace AccountGrains.Client;

/// <summary>
/// Settings of an <see cref="AccountIntegrityClient"/> that creates its own channel; validated when the client is
/// created (<see cref="Validate"/>). The credential is sent as <c>authorization: Bearer &lt;key or token&gt;</c> and never printed.
/// </summary>
public sealed class AccountIntegrityClientOptions
{
    /// <summary>The longest <see cref="OnBehalfOf"/> the gateway accepts.</summary>
    public const int MaxOnBehalfOfLength = CallerHeaders.MaxOnBehalfOfLength;

    /// <summary>The silo's address, such as <c>http://127.0.0.1:50051</c> (<c>http</c> is HTTP/2 cleartext). Required.</summary>
    public Uri? Address { get; set; }

    /// <summary>The API key. Default <see langword="null"/>. With neither this nor <see cref="BearerToken"/> no
    /// <c>authorization</c> header is sent, which only an open silo (no keys configured, loopback only) accepts.</summary>
    public string? ApiKey { get; set; }

    /// <summary>A JWT (compact form, <c>header.payload.signature</c>) issued by a party the gateway trusts; the
    /// alternative to <see cref="ApiKey"/> (set one, not both). Default <see langword="null"/>. The client sends it as
    /// it is: create a new client over the same <see cref="AccountIntegrityChannel"/> when it is renewed.</summary>
    public string? BearerToken { get; set; }

    /// <summary>The agent an <c>agent</c> or <c>vendor</c> caller acts for, sent as <c>x-on-behalf-of</c> and written into
    /// history with the caller's name. Required by those roles; 1–64 characters of <c>[A-Za-z0-9_.@-]</c>.
    /// Default <see langword="null"/>. To act for several agents, create one client per agent over one
    /// <see cref="AccountIntegrityChannel"/> (<see cref="AccountIntegrityClient(AccountIntegrityChannel, string?, string?)"/>).</summary>
    public string? OnBehalfOf { get; set; }

    /// <inheritdoc cref="AccountIntegrityChannelOptions.DefaultTimeout"/>
    public TimeSpan? DefaultTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <inheritdoc cref="AccountIntegrityChannelOptions.Retry"/>
    public AccountIntegrityRetryOptions Retry { get; set; } = new();

    /// <inheritdoc cref="AccountIntegrityChannelOptions.HttpHandler"/>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <inheritdoc cref="AccountIntegrityChannelOptions.LoggerFactory"/>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Fails fast on a missing or non-http(s) address, a malformed key, token or agent id, both a key and a
    /// token, a non-positive timeout or a bad retry setting.</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it (never the key or token).</exception>
    public void Validate()
    {
        ToChannelOptions().Validate();
        CallerHeaders.Validate(ApiKey, BearerToken, OnBehalfOf);
    }

    internal AccountIntegrityChannelOptions ToChannelOptions() => new()
    {
        Address = Address,
        DefaultTimeout = DefaultTimeout,
        Retry = Retry,
        HttpHandler = HttpHandler,
        LoggerFactory = LoggerFactory,
    };
}
