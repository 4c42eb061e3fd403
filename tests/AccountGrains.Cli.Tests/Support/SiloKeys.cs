using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AccountGrains.Cli.Tests.Support;

/// <summary>One random API key per role, configured on the silo as its SHA-256 (README "Keys").</summary>
public sealed class SiloKeys
{
    public static readonly string[] Roles = ["platform", "recovery", "agent", "vendor", "admin", "auditor"];

    private readonly Dictionary<string, string> _keys = Roles.ToDictionary(r => r, _ => Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));

    public string KeyOf(string role) => _keys[role];

    public static string NameOf(string role) => role + "-svc";

    public IEnumerable<KeyValuePair<string, string?>> Configuration()
    {
        for (var i = 0; i < Roles.Length; i++)
        {
            var prefix = $"AccountGrains__Auth__Keys__{i.ToString(CultureInfo.InvariantCulture)}__";
            yield return new(prefix + "Name", NameOf(Roles[i]));
            yield return new(prefix + "Role", Roles[i]);
            yield return new(prefix + "Sha256", Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(_keys[Roles[i]]))));
        }
    }
}
