using AccountGrains.Fencing;
using AccountGrains.Silo.Storage;
using AccountGrains.Storage.Sqlite;
using AccountGrains.Streaming;

namespace AccountGrains.Silo.Orleans;

/// <summary>
/// One silo on its own (SQLite: Orleans' localhost clustering and the SQLite reminder table) or a member of a
/// cluster (PostgreSQL: Orleans' ADO.NET clustering and reminders, with the fencing lease).
/// </summary>
internal static class SiloOrleans
{
    /// <summary>Orleans' own defaults for the silo-to-silo and client gateway ports.</summary>
    public const int DefaultSiloPort = 11111;

    /// <summary>See <see cref="DefaultSiloPort"/>.</summary>
    public const int DefaultGatewayPort = 30000;

    public static void Configure(ISiloBuilder silo, IConfiguration configuration, StoreChoice store)
    {
        SiloTls.Apply(silo, configuration);
        // The event log as Orleans streams (and the reporting projection), over whichever store was chosen.
        silo.AddAccountEventStreams();
        if (store.PostgresConnectionString is { } connectionString)
        {
            silo.UseAccountGrainsCluster(configuration, connectionString);
            return;
        }

        // Orleans' own section names, so an SRE sets the same keys whatever the mode.
        silo.UseLocalhostClustering(
            siloPort: configuration.GetValue("Orleans:Endpoints:SiloPort", DefaultSiloPort),
            gatewayPort: configuration.GetValue("Orleans:Endpoints:GatewayPort", DefaultGatewayPort),
            serviceId: configuration["Orleans:ServiceId"] ?? "accountgrains",
            clusterId: configuration["Orleans:ClusterId"] ?? "accountgrains-local");
        silo.UseSqliteReminderTable();
    }
}
