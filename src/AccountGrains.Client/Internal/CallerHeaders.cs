using Grpc.Core;

namespace AccountGrains.Client.Internal;

/// <summary>
/// The call headers that say who is calling: <c>authorization: Bearer</c> with an API key or a JWT (the gateway tells
/// them apart), and <c>x-on-behalf-of</c> for the agent an agent or vendor caller acts for.
/// </summary>
internal static class CallerHeaders
{
    public const int MaxOnBehalfOfLength = 64;
    public const string Authorization = "authorization";
    public const string OnBehalfOf = "x-on-behalf-of";

    /// <summary>Checks the credentials up front: a header value with a control character would otherwise be refused by
    /// HttpClient in the middle of a call, and a key and a token together would leave the gateway to guess.</summary>
    public static void Validate(string? apiKey, string? bearerToken, string? onBehalfOf)
    {
        if (apiKey is not null && (apiKey.Length == 0 || apiKey.Any(c => c < 0x21 || c > 0x7e)))
        {
            throw new ArgumentException("ApiKey must be non-empty printable ASCII without spaces.", nameof(AccountIntegrityClientOptions.ApiKey));
        }

        if (bearerToken is not null)
        {
            if (apiKey is not null)
            {
                throw new ArgumentException("Set ApiKey or BearerToken, not both.", nameof(AccountIntegrityClientOptions.BearerToken));
            }

            if (!IsCompactJws(bearerToken))
            {
                throw new ArgumentException("BearerToken must be a JWT in compact form: three base64url parts joined by dots.", nameof(AccountIntegrityClientOptions.BearerToken));
            }
        }

        if (onBehalfOf is not null
            && (onBehalfOf.Length is 0 or > MaxOnBehalfOfLength || !onBehalfOf.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '@' or '-')))
        {
            throw new ArgumentException("OnBehalfOf must be 1-64 characters of [A-Za-z0-9_.@-].", nameof(AccountIntegrityClientOptions.OnBehalfOf));
        }
    }

    /// <summary>The headers every call carries; <see langword="null"/> when there are none (an open silo).</summary>
    public static Metadata? Create(string? apiKey, string? bearerToken, string? onBehalfOf)
    {
        var credential = apiKey ?? bearerToken;
        if (credential is null && onBehalfOf is null)
        {
            return null;
        }

        var headers = new Metadata();
        if (credential is not null)
        {
            headers.Add(Authorization, "Bearer " + credential);
        }

        if (onBehalfOf is not null)
        {
            headers.Add(OnBehalfOf, onBehalfOf);
        }

        return headers;
    }

    // An unsigned token (empty third part) is refused here too: the gateway would refuse it anyway.
    private static bool IsCompactJws(string token)
    {
        var parts = token.Split('.');
        return parts.Length == 3 && parts.All(p => p.Length > 0 && p.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'));
    }
}
