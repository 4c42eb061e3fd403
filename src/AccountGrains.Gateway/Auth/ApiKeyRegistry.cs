using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using AccountGrains.Abstractions;
using Microsoft.Extensions.Options;

namespace AccountGrains.Gateway;

/// <summary>
/// The configured keys, by the hex SHA-256 of the key. Each key's principal is built once: a caller without
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

    /// <summary>The caller of an open gateway: <c>anonymous</c>, admin.</summary>
    public static ClaimsPrincipal Anonymous(string? onBehalfOf) =>
        new(new CallerIdentity(new Caller(GatewayClaims.AnonymousName, CallerRole.Admin, onBehalfOf), ApiKeyAuthenticationHandler.SchemeName));

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
        private readonly ClaimsPrincipal _principal = new(new CallerIdentity(caller, ApiKeyAuthenticationHandler.SchemeName));

        public CallerRole Role => caller.Role;

        /// <summary>The key's principal, acting for <paramref name="onBehalfOf"/> when a tool names an agent.</summary>
        public ClaimsPrincipal PrincipalFor(string? onBehalfOf) => onBehalfOf is null
            ? _principal
            : new ClaimsPrincipal(new CallerIdentity(caller with { OnBehalfOf = onBehalfOf }, ApiKeyAuthenticationHandler.SchemeName));
    }
}
