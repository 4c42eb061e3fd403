using AccountGrains.Silo.Security;

namespace AccountGrains.Silo.Cluster;

/// <summary>
/// With a PostgreSQL connection string the silo is a cluster member. Starting one needs nothing more
/// than the connection string and <c>--urls</c>: it advertises the address it listens on unless
/// <c>AccountGrains:Cluster:AdvertisedAddress</c> says another (behind NAT, in a pod: the pod's IP).
/// </summary>
internal static class SiloCluster
{
    private const string AdvertisedAddressKey = "AccountGrains:Cluster:AdvertisedAddress";
    private const string SiloIdKey = "AccountGrains:Cluster:SiloId";

    public static bool IsClustered(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration.GetConnectionString(Storage.SiloStorage.ConnectionStringName));

    public static void AddClusterMembership(WebApplicationBuilder builder, string listenUrl)
    {
        var configuration = builder.Configuration;
        if (string.IsNullOrWhiteSpace(configuration[AdvertisedAddressKey]))
        {
            if (!IsReachableHost(listenUrl))
            {
                throw new InvalidOperationException(
                    $"The silo listens on '{listenUrl}', which other silos cannot call back. Set {AdvertisedAddressKey.Replace(":", "__", StringComparison.Ordinal)} to the address they should use.");
            }

            configuration[AdvertisedAddressKey] = listenUrl.Replace("localhost", "127.0.0.1", StringComparison.OrdinalIgnoreCase);
        }

        // Several silos may share a machine: the host name alone would give them one identity.
        if (string.IsNullOrWhiteSpace(configuration[SiloIdKey]) && Uri.TryCreate(configuration[AdvertisedAddressKey], UriKind.Absolute, out var advertised))
        {
            configuration[SiloIdKey] = $"{Environment.MachineName}-{advertised.Port}";
        }

        builder.Services.AddAccountGrainsCluster(configuration);
    }

    private static bool IsReachableHost(string url) =>
        Uri.TryCreate(url.Replace("*", "0.0.0.0", StringComparison.Ordinal).Replace("+", "0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
        && uri.Host is not ("0.0.0.0" or "[::]" or "::")
        && (ListenPolicy.IsLoopback(url) || uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 or UriHostNameType.Dns);
}
