using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AccountGrains.Api.Tests.Support;

/// <summary>Mints JWTs the way an identity provider would, with the key the silo is configured with (or another).</summary>
public sealed class JwtTokens
{
    public const string Issuer = "https://id.accountgrains.test";
    public const string Audience = "accountgrains";

    public byte[] SigningKey { get; } = RandomNumberGenerator.GetBytes(32);

    /// <summary>The silo's configuration for these tokens, as <c>AccountGrains:Auth:Jwt:*</c> entries.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Configuration(string separator = ":")
    {
        var prefix = string.Join(separator, "AccountGrains", "Auth", "Jwt") + separator;
        yield return new(prefix + "Issuer", Issuer);
        yield return new(prefix + "Audience", Audience);
        yield return new(prefix + string.Join(separator, "SigningKeys", "0"), Convert.ToBase64String(SigningKey));
    }

    /// <summary>The subject history records for a role's tokens.</summary>
    public static string SubjectOf(string role) => role + "-jwt";

    /// <summary>A valid token for a role, unless the arguments say otherwise.</summary>
    public string For(
        string? role,
        TimeSpan? expiresIn = null,
        byte[]? signingKey = null,
        string issuer = Issuer,
        string audience = Audience,
        string? subject = "",
        string roleClaim = "role")
    {
        var now = DateTime.UtcNow;
        var expires = now + (expiresIn ?? TimeSpan.FromMinutes(10));
        var claims = new Dictionary<string, object>();
        if (subject is not null)
        {
            claims["sub"] = subject.Length == 0 && role is not null ? SubjectOf(role) : subject;
        }

        if (role is not null)
        {
            claims[roleClaim] = role;
        }

        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = expires - TimeSpan.FromMinutes(20),
            NotBefore = expires - TimeSpan.FromMinutes(20),
            Expires = expires,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(signingKey ?? SigningKey), SecurityAlgorithms.HmacSha256),
        });
    }
}
