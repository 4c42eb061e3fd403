using System.Security.Cryptography;

namespace AccountGrains.Api.Tests.Support;

/// <summary>One random API key per role, as a silo is configured with them: a name, a role and the key's SHA-256.</summary>
public sealed class ApiKeys
{
    public static readonly string[] Roles = ["platform", "recovery", "agent", "vendor", "admin", "auditor"];

    private readonly Dictionary<string, string> _keys = Roles.ToDictionary(r => r, _ => Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));

    /// <summary>The key of a role.</summary>
    public string KeyOf(string role) => _keys[role];

    /// <summary>The key's configured name, which history shows as the actor (with the agent for agent and vendor keys).</summary>
    public static string NameOf(string role) => role + "-svc";

    /// <summary>The agent id an agent or vendor key acts for in these tests; null for the other roles.</summary>
    public static string? AgentOf(string role) => role is "agent" or "vendor" ? role + "-7" : null;

    /// <summary>The actor history records for a role's calls.</summary>
    public static string ActorOf(string role) => AgentOf(role) is { } agent ? $"{NameOf(role)}/{agent}" : NameOf(role);

    /// <summary>The call headers of a role's key: <c>authorization</c>, and <c>x-on-behalf-of</c> for agent and vendor.</summary>
    public Metadata HeadersOf(string role)
    {
        var headers = new Metadata { { "authorization", "Bearer " + KeyOf(role) } };
        if (AgentOf(role) is { } agent)
        {
            headers.Add("x-on-behalf-of", agent);
        }

        return headers;
    }

    /// <summary>The silo's configuration for these keys, as <c>AccountGrains:Auth:Keys:i:*</c> entries.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Configuration(string separator = ":")
    {
        for (var i = 0; i < Roles.Length; i++)
        {
            var prefix = string.Join(separator, "AccountGrains", "Auth", "Keys", i.ToString(System.Globalization.CultureInfo.InvariantCulture)) + separator;
            yield return new(prefix + "Name", NameOf(Roles[i]));
            yield return new(prefix + "Role", Roles[i]);
            yield return new(prefix + "Sha256", Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(_keys[Roles[i]]))));
        }
    }
}
