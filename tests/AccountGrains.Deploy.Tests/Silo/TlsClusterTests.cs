using AccountGrains.Testing;
using System.Globalization;
using AccountGrains.Deploy.Tests.Support;
using AccountGrains.Testing.Postgres;
using Npgsql;

namespace AccountGrains.Deploy.Tests.Silo;

/// <summary>
/// Silo-to-silo TLS as the chart runs it: two silo processes clustered on a real PostgreSQL, both holding the same
/// throwaway certificate, become Active together (joining requires each to reach the other on its silo port); a
/// third silo without TLS cannot reach them, gives up joining and exits, and never counts as Active.
/// </summary>
public sealed class TlsClusterTests
{
    private const string Schema = "tls_cluster";
    private const int Active = 3;

    [Fact]
    public async Task TwoTlsSilos_JoinEachOther_APlaintextSiloIsRefused()
    {
        var server = await PostgresServer.GetSharedAsync();
        var connectionString = await server.CreateDatabaseAsync("tlscluster");
        var clusterId = "tls-" + Guid.NewGuid().ToString("N")[..8];
        using var certificate = TestCertificates.SelfSigned("accountgrains-cluster");
        var folder = Directory.CreateTempSubdirectory("accountgrains-tls-cluster-").FullName;
        try
        {
            var (crt, key, _) = TestCertificates.WritePem(certificate, folder);
            KeyValuePair<string, string?>[] tls = [new("AccountGrains__Cluster__Tls__CertificatePath", crt), new("AccountGrains__Cluster__Tls__KeyPath", key)];

            await using var first = Start(connectionString, clusterId, tls);
            await first.ListeningAsync();
            await using var second = Start(connectionString, clusterId, tls);
            await second.ListeningAsync();
            await Eventually.TrueAsync(async () => await ActiveAsync(connectionString, clusterId) == 2, "both TLS silos Active");

            // Without TLS: its connections to the others fail, so it cannot pass Orleans' join-time connectivity check.
            await using var plaintext = Start(connectionString, clusterId, [new("Orleans__Membership__MaxJoinAttemptTime", "00:00:10")]);
            Assert.NotEqual(0, await plaintext.ExitCodeAsync(TimeSpan.FromMinutes(2)));
            Assert.DoesNotContain("AccountGrains silo listening on", plaintext.Output, StringComparison.Ordinal);
            Assert.Equal(2, await ActiveAsync(connectionString, clusterId));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static SiloProcess Start(string connectionString, string clusterId, IEnumerable<KeyValuePair<string, string?>> extra) => SiloProcess.Start(
        ["--urls", "http://127.0.0.1:0"],
        new KeyValuePair<string, string?>[]
        {
            new("ConnectionStrings__AccountGrains", connectionString),
            new("AccountGrains__Storage__Schema", Schema),
            new("Orleans__ClusterId", clusterId),
            new("Orleans__Endpoints__SiloPort", SiloProcess.FreePort().ToString(CultureInfo.InvariantCulture)),
            new("Orleans__Endpoints__GatewayPort", SiloProcess.FreePort().ToString(CultureInfo.InvariantCulture)),
        }.Concat(extra));

    private static async Task<long> ActiveAsync(string connectionString, string clusterId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {Schema}.orleansmembershiptable WHERE deploymentid = @cluster AND status = @active", connection);
        command.Parameters.AddWithValue("cluster", clusterId);
        command.Parameters.AddWithValue("active", Active);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
