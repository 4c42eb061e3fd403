using System.Net;

namespace AccountGrains.Silo.Security;

/// <summary>
/// A silo without API keys or JWT is open: it may listen on loopback only. Checked from configuration before
/// anything binds, so an open silo never accepts a connection from beyond the machine, even briefly.
/// </summary>
internal static class ListenPolicy
{
    /// <summary>No API key and no JWT signing key configured: every local caller acts as admin (the gateway's own rule).</summary>
    public static bool IsOpen(IConfiguration configuration) => configuration.IsGatewayOpen();

    public static void EnsureLoopbackWhenOpen(IConfiguration configuration)
    {
        if (!IsOpen(configuration))
        {
            return;
        }

        foreach (var url in ConfiguredUrls(configuration))
        {
            if (!IsLoopback(url))
            {
                throw new InvalidOperationException(
                    $"No API keys (AccountGrains:Auth:Keys) nor JWT issuer (AccountGrains:Auth:Jwt) are configured, so the silo is open and may listen on loopback only, not '{url}'. " +
                    "Configure keys or JWT, or listen on 127.0.0.1 / [::1] / localhost.");
            }
        }
    }

    /// <summary>Every address the silo is configured to listen on: <c>--urls</c>/<c>ASPNETCORE_URLS</c>, then Kestrel endpoints.</summary>
    public static IEnumerable<string> ConfiguredUrls(IConfiguration configuration) =>
        (configuration[WebHostDefaults.ServerUrlsKey] ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>().Where(u => u.Length > 0));

    public static bool IsLoopback(string url)
    {
        // Kestrel accepts wildcards ('*', '+') that no Uri parses as a host: they mean every interface.
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        var rest = schemeEnd < 0 ? url : url[(schemeEnd + 3)..];
        var host = rest.StartsWith('[') ? rest[1..Math.Max(1, rest.IndexOf(']', StringComparison.Ordinal))] : rest.Split(':', '/')[0];
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address);
    }
}
