using System.Diagnostics.CodeAnalysis;
using AccountGrains.Abstractions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace AccountGrains.Gateway;

/// <summary>The claims and headers a caller is known by, whichever scheme authenticated it.</summary>
internal static class GatewayClaims
{
    /// <summary>The caller's name (an API key's name, a token's subject).</summary>
    public const string Name = "sub";

    /// <summary>The caller's role, lower case (<c>platform</c>, <c>recovery</c>, <c>agent</c>, <c>vendor</c>, <c>admin</c>, <c>auditor</c>).</summary>
    public const string Role = "role";

    /// <summary>The human agent a tool acts for, from the <c>x-on-behalf-of</c> header.</summary>
    public const string OnBehalfOf = "on_behalf_of";

    /// <summary>The header naming the agent a tool acts for.</summary>
    public const string OnBehalfOfHeader = "x-on-behalf-of";

    /// <summary>Who an open gateway's callers are.</summary>
    public const string AnonymousName = "anonymous";

    // Index = role number; 6 is the service's own role, which no caller can hold.
    private static readonly string[] RoleNames = ["", "platform", "recovery", "agent", "vendor", "admin", "", "auditor"];

    public static string RoleName(CallerRole role) => RoleNames[(int)role];

    /// <summary>A role by its name, any case; numbers and unknown names are not roles.</summary>
    public static bool TryParseRole(string? name, out CallerRole role)
    {
        for (var i = 1; i < RoleNames.Length; i++)
        {
            if (RoleNames[i].Length > 0 && string.Equals(RoleNames[i], name, StringComparison.OrdinalIgnoreCase))
            {
                role = (CallerRole)i;
                return true;
            }
        }

        role = default;
        return false;
    }

    /// <summary>The call's caller, as the authentication handler left it on the request.</summary>
    /// <exception cref="InvalidOperationException">The request was not authenticated by the gateway's schemes (a wiring bug, never a caller's fault).</exception>
    public static Caller CallerOf(HttpContext context) =>
        context.User.Identity is CallerIdentity identity
            ? identity.Caller
            : throw new InvalidOperationException("The call has no authenticated caller: is the gateway's authorization policy on this method?");

    /// <summary>
    /// Reads <c>x-on-behalf-of</c>: absent is fine (<paramref name="agent"/> null); present, it must be one
    /// agent id of 1-64 characters of <c>[A-Za-z0-9_.@-]</c>, else the call is refused with <paramref name="error"/>.
    /// </summary>
    public static bool TryReadOnBehalfOf(IHeaderDictionary headers, out string? agent, [NotNullWhen(false)] out string? error)
    {
        agent = null;
        error = null;
        if (!headers.TryGetValue(OnBehalfOfHeader, out StringValues values))
        {
            return true;
        }

        if (values.Count != 1 || !IsValidAgentId(values[0]))
        {
            error = "x-on-behalf-of must be one agent id of 1-64 characters of [A-Za-z0-9_.@-].";
            return false;
        }

        agent = values[0];
        return true;
    }

    /// <summary>The token of <c>authorization: Bearer &lt;token&gt;</c>, or empty when there is none.</summary>
    public static ReadOnlySpan<char> BearerToken(IHeaderDictionary headers)
    {
        var value = headers.Authorization.Count == 1 ? headers.Authorization[0].AsSpan() : default;
        const string scheme = "Bearer ";
        return value.Length > scheme.Length && value.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            ? value[scheme.Length..].Trim()
            : default;
    }

    private static bool IsValidAgentId(string? value)
    {
        if (value is not { Length: > 0 and <= 64 })
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '.' or '@' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
