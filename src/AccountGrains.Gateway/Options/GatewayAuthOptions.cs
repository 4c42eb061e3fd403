using System.Globalization;
using AccountGrains.Abstractions;

namespace AccountGrains.Gateway;

/// <summary>
/// Who may call: API keys, configured as SHA-256 hashes (never the keys themselves), and JWT bearer tokens.
/// Bound from <c>AccountGrains:Auth</c>, e.g. <c>AccountGrains__Auth__Keys__0__Name=checkout</c>,
/// <c>…__Role=platform</c>, <c>…__Sha256=&lt;64 hex digits&gt;</c>, and <c>AccountGrains__Auth__Jwt__Issuer=…</c>.
/// Validated at start.
/// </summary>
/// <remarks>
/// Keys are long random tokens, so one SHA-256 is enough to keep a leaked configuration from yielding
/// them (a password would need a slow hash; a 256-bit token does not). With no key and no JWT signing key
/// configured the gateway is open (<see cref="IsOpen"/>): every caller acts as <c>anonymous</c> with the
/// admin role, and the silo host refuses to listen beyond loopback.
/// </remarks>
public sealed class GatewayAuthOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "AccountGrains:Auth";

    /// <summary>The configured API keys. Default: none.</summary>
    public List<ApiKeyEntry> Keys { get; } = [];

    /// <summary>JWT bearer tokens. Default: not accepted (no signing key).</summary>
    public GatewayJwtOptions Jwt { get; } = new();

    /// <summary>True when neither a key nor a JWT signing key is configured: every caller is the anonymous admin.</summary>
    public bool IsOpen => Keys.Count == 0 && !Jwt.IsEnabled;

    /// <summary>Fails fast on a key without a name, a role or a well-formed hash, on duplicates, and on an incomplete JWT section.</summary>
    /// <exception cref="InvalidOperationException">An entry is invalid; the message names it (never its hash or key).</exception>
    public void Validate()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var hashes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Keys.Count; i++)
        {
            var key = Keys[i];
            var where = string.Create(CultureInfo.InvariantCulture, $"{Section}:Keys:{i}");
            if (string.IsNullOrWhiteSpace(key.Name) || !names.Add(key.Name))
            {
                throw new InvalidOperationException($"{where}: Name is missing or used twice.");
            }

            if (!GatewayClaims.TryParseRole(key.Role, out _))
            {
                throw new InvalidOperationException($"{where} ({key.Name}): Role must be platform, recovery, agent, vendor, admin or auditor.");
            }

            if (key.Sha256 is not { Length: 64 } hash || !hash.All(char.IsAsciiHexDigit) || !hashes.Add(hash))
            {
                throw new InvalidOperationException($"{where} ({key.Name}): Sha256 must be 64 hex digits, unique (the SHA-256 of the key).");
            }
        }

        Jwt.Validate();
    }
}

/// <summary>One API key.</summary>
public sealed class ApiKeyEntry
{
    /// <summary>The key's name: the actor written into history (with the agent id for agent and vendor keys).</summary>
    public string Name { get; set; } = "";

    /// <summary>
    /// What the key may do (DOMAIN.md's table of who may call what): <c>platform</c>, <c>recovery</c>, <c>agent</c>,
    /// <c>vendor</c> or <c>admin</c>, any case. Text, not an enum, so that a wrong role fails the start instead of the
    /// binder silently dropping the key (which could leave the gateway open).
    /// </summary>
    public string Role { get; set; } = "";

    /// <summary>The parsed <see cref="Role"/>; valid after <see cref="GatewayAuthOptions.Validate"/>.</summary>
    internal CallerRole CallerRole => GatewayClaims.TryParseRole(Role, out var role) ? role : throw new InvalidOperationException($"{Name}: Role '{Role}' is not a role.");

    /// <summary>The SHA-256 of the key, as 64 hex digits (<c>printf %s "$KEY" | sha256sum</c>).</summary>
    public string Sha256 { get; set; } = "";
}
