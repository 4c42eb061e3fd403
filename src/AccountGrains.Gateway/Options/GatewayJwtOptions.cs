namespace AccountGrains.Gateway;

/// <summary>
/// JWT bearer tokens, bound from <c>AccountGrains:Auth:Jwt</c>: signed with a shared symmetric key (HS256,
/// HS384 or HS512), from one issuer, for one audience. The caller's name is the token's <c>sub</c>, its role
/// the claim named by <see cref="RoleClaim"/>.
/// </summary>
/// <remarks>
/// The signing keys are secrets (whoever holds one mints any role): give them through the environment or a
/// secret store, never a committed file. Several keys may be listed so a key can be rotated without downtime.
/// A token may add <c>x-on-behalf-of</c> like a key; unlike a key it is not required for agent and vendor
/// tokens, whose subject already names who acts.
/// </remarks>
public sealed class GatewayJwtOptions
{
    /// <summary>The issuer (<c>iss</c>) every token must carry. Required when <see cref="SigningKeys"/> is set.</summary>
    public string Issuer { get; set; } = "";

    /// <summary>The audience (<c>aud</c>) every token must carry. Required when <see cref="SigningKeys"/> is set.</summary>
    public string Audience { get; set; } = "";

    /// <summary>The symmetric signing keys, base64, at least 32 bytes each (<c>openssl rand -base64 32</c>). Default: none (JWTs refused).</summary>
    public List<string> SigningKeys { get; } = [];

    /// <summary>The claim holding the caller's role (platform, recovery, agent, vendor, admin or auditor). Default <c>role</c>.</summary>
    public string RoleClaim { get; set; } = "role";

    /// <summary>How far a token's <c>exp</c> and <c>nbf</c> may be off the silo's clock. Default 30 seconds.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>True when at least one signing key is configured.</summary>
    public bool IsEnabled => SigningKeys.Count > 0;

    /// <summary>The signing keys' bytes.</summary>
    public IEnumerable<byte[]> SigningKeyBytes() => SigningKeys.Select(Convert.FromBase64String);

    internal void Validate()
    {
        if (!IsEnabled)
        {
            return;
        }

        const string where = GatewayAuthOptions.Section + ":Jwt";
        if (string.IsNullOrWhiteSpace(Issuer) || string.IsNullOrWhiteSpace(Audience))
        {
            throw new InvalidOperationException($"{where}: Issuer and Audience are required with SigningKeys.");
        }

        if (string.IsNullOrWhiteSpace(RoleClaim))
        {
            throw new InvalidOperationException($"{where}: RoleClaim must name a claim.");
        }

        if (ClockSkew < TimeSpan.Zero || ClockSkew > TimeSpan.FromMinutes(5))
        {
            throw new InvalidOperationException($"{where}: ClockSkew must be between 0 and 5 minutes.");
        }

        for (var i = 0; i < SigningKeys.Count; i++)
        {
            var bytes = new byte[SigningKeys[i].Length];
            if (!Convert.TryFromBase64String(SigningKeys[i], bytes, out var length) || length < 32)
            {
                throw new InvalidOperationException($"{where}:SigningKeys:{i}: must be base64 of at least 32 bytes.");
            }
        }
    }
}
