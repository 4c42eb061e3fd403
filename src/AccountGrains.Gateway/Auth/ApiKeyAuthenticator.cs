using System.Security.Cryptography;
using System.Text;
using AccountGrains.Domain;
using AccountGrains.Grpc;
using Microsoft.Extensions.Options;

namespace AccountGrains.Gateway;

/// <summary>Turns the call's <c>authorization: Bearer &lt;key&gt;</c> and <c>x-on-behalf-of</c> headers into an <see cref="Actor"/>.</summary>
internal sealed class ApiKeyAuthenticator
{
    public const string AuthorizationHeader = "authorization";
    public const string OnBehalfOfHeader = "x-on-behalf-of";
    public const string AnonymousName = "anonymous";

    // Keyed by the SHA-256 of the key: a lookup by hash never compares secrets byte by byte.
    private readonly Dictionary<string, Actor> _byHash;
    private readonly bool _open;

    public ApiKeyAuthenticator(IOptions<GatewayAuthOptions> options)
    {
        var value = options.Value;
        _open = value.IsOpen;
        _byHash = value.Keys.ToDictionary(k => k.Sha256.ToUpperInvariant(), k => new Actor(k.Name, k.Role!.Value), StringComparer.Ordinal);
    }

    public bool IsOpen => _open;

    /// <summary>The caller, or an UNAUTHENTICATED exception that says what is wrong (never echoing the key).</summary>
    public Actor Authenticate(Metadata headers)
    {
        var onBehalfOf = headers.GetValue(OnBehalfOfHeader);
        if (onBehalfOf is not null && !IsValidAgentId(onBehalfOf))
        {
            throw Unauthenticated("x-on-behalf-of must be 1-64 characters of [A-Za-z0-9_.@-].");
        }

        if (_open)
        {
            return new Actor(AnonymousName, ActorRole.Admin, onBehalfOf);
        }

        var authorization = headers.GetValue(AuthorizationHeader);
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || authorization.Length <= 7)
        {
            throw Unauthenticated("Send 'authorization: Bearer <key>'.");
        }

        if (!_byHash.TryGetValue(Hash(authorization.AsSpan(7).Trim()), out var actor))
        {
            throw Unauthenticated("The key is not known.");
        }

        if (actor.Role is ActorRole.Agent or ActorRole.Vendor && onBehalfOf is null)
        {
            throw Unauthenticated("Agent and vendor keys must name the acting agent in 'x-on-behalf-of'.");
        }

        return onBehalfOf is null ? actor : actor with { OnBehalfOf = onBehalfOf };
    }

    /// <summary>The hex SHA-256 of a key, as configured in <see cref="ApiKeyEntry.Sha256"/>.</summary>
    public static string Hash(ReadOnlySpan<char> key)
    {
        Span<byte> utf8 = stackalloc byte[Encoding.UTF8.GetMaxByteCount(Math.Min(key.Length, 512))];
        var length = Encoding.UTF8.GetBytes(key.Length > 512 ? key[..512] : key, utf8);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..length], digest);
        return Convert.ToHexString(digest);
    }

    private static bool IsValidAgentId(string value) =>
        value.Length is > 0 and <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '@' or '-');

    private static RpcException Unauthenticated(string message) => new(new Status(StatusCode.Unauthenticated, message));
}
