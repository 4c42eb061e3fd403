using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using AccountGrains.Abstractions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AccountGrains.Gateway;

/// <summary>
/// The configured keys, by the hex SHA-256 of the key. Each key's principal (and its authentication result) is built once: a caller without
/// <c>x-on-behalf-of</c> (the platform's Verify, the hot path) costs a hash and a lookup, nothing allocated.
/// </summary>
internal sealed class ApiKeyRegistry
{
    /// <summary>Longer keys are cut before hashing: a key is 32 random bytes, and a huge header must not cost a huge hash.</summary>
    private const int MaxKeyLength = 512;

    // Keyed by hash, so a lookup never compares secrets byte by byte.
    private readonly Dictionary<string, RegisteredKey>.AlternateLookup<ReadOnlySpan<char>> _byHash;

    public ApiKeyRegistry(IOptions<GatewayAuthOptions> options)
    {
        var value = options.Value;
        IsOpen = value.IsOpen;
        _byHash = value.Keys
            .ToDictionary(k => k.Sha256.ToUpperInvariant(), k => new RegisteredKey(new Caller(k.Name, k.CallerRole)), StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>No key and no JWT key configured: everyone is <see cref="Anonymous"/>.</summary>
    public bool IsOpen { get; }

    // Built once, like a key's: the open gateway's caller without x-on-behalf-of is the same on every call.
    private static readonly Task<AuthenticateResult> AnonymousAdmin = Authenticated(NewAnonymous(null));

    /// <summary>The caller of an open gateway: <c>anonymous</c>, admin.</summary>
    public static Task<AuthenticateResult> Anonymous(string? onBehalfOf) => onBehalfOf is null ? AnonymousAdmin : Authenticated(NewAnonymous(onBehalfOf));

    private static CallerPrincipal NewAnonymous(string? onBehalfOf) =>
        new(new CallerIdentity(new Caller(GatewayClaims.AnonymousName, CallerRole.Admin, onBehalfOf), ApiKeyAuthenticationHandler.SchemeName));

    // A completed result may be shared by calls: nothing in the pipeline writes to a ticket or its properties after
    // authentication, and the hot path then allocates no result, ticket, properties or task per call.
    private static Task<AuthenticateResult> Authenticated(ClaimsPrincipal principal) =>
        Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, ApiKeyAuthenticationHandler.SchemeName)));

    /// <summary>Finds the key whose SHA-256 is configured.</summary>
    public bool TryFind(ReadOnlySpan<char> key, out RegisteredKey registered)
    {
        Span<char> hex = stackalloc char[SHA256.HashSizeInBytes * 2];
        Hash(key, hex);
        return _byHash.TryGetValue(hex, out registered!);
    }

    /// <summary>The upper-case hex SHA-256 of a key's UTF-8 bytes, as configured in <see cref="ApiKeyEntry.Sha256"/>.</summary>
    public static void Hash(ReadOnlySpan<char> key, Span<char> hex)
    {
        key = key.Length > MaxKeyLength ? key[..MaxKeyLength] : key;
        Span<byte> utf8 = stackalloc byte[Encoding.UTF8.GetMaxByteCount(MaxKeyLength)];
        var length = Encoding.UTF8.GetBytes(key, utf8);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..length], digest);
        Convert.TryToHexString(digest, hex, out _);
    }

    /// <summary>One configured key and its ready-made principal.</summary>
    internal sealed class RegisteredKey(Caller caller)
    {
        private readonly Task<AuthenticateResult> _result = Authenticated(new CallerPrincipal(new CallerIdentity(caller, ApiKeyAuthenticationHandler.SchemeName)));

        public CallerRole Role => caller.Role;

        /// <summary>The key's authenticated result, acting for <paramref name="onBehalfOf"/> when a tool names an agent.</summary>
        public Task<AuthenticateResult> ResultFor(string? onBehalfOf) => onBehalfOf is null
            ? _result
            : Authenticated(new CallerPrincipal(new CallerIdentity(caller with { OnBehalfOf = onBehalfOf }, ApiKeyAuthenticationHandler.SchemeName)));
    }
}
