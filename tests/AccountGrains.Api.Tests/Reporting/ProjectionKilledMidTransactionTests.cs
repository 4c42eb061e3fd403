using AccountGrains.Api.Tests.Support;
using AccountGrains.Contracts.V1;
using AccountGrains.Testing;
using AccountGrains.Testing.Postgres;
using Google.Protobuf.WellKnownTypes;
using Grpc.Net.Client;
using Npgsql;

namespace AccountGrains.Api.Tests.Reporting;

/// <summary>
/// The reporting projection's effect and its checkpoint commit together: a silo process killed (SIGKILL) while its
/// projection's transaction has applied the effects and is writing the checkpoint leaves neither, and the restarted
/// silo counts every event exactly once.
/// </summary>
public sealed class ProjectionKilledMidTransactionTests
{
    private const int Locks = 12;
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task SiloKilledBetweenEffectAndCheckpoint_TheRestartedSiloCountsEachEventOnce()
    {
        var keys = new ApiKeys();
        var server = await PostgresServer.GetSharedAsync();
        var connectionString = await server.CreateDatabaseAsync("projection_kill");
        var accounts = Enumerable.Range(0, Locks).Select(i => ApiSilo.NewAccount("kill" + i)).ToArray();

        var (first, address) = await SiloProcess.StartAsync(Environment(keys, connectionString));
        try
        {
            // Every checkpoint that moves forward now waits inside its transaction, after the batch's effects ran.
            await ExecuteAsync(connectionString, """
                CREATE FUNCTION accountgrains.test_hold_checkpoint() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN PERFORM pg_sleep(600); RETURN NEW; END $$;
                CREATE TRIGGER test_hold_checkpoint BEFORE UPDATE ON accountgrains.report_checkpoints FOR EACH ROW
                    WHEN (NEW.position > OLD.position) EXECUTE FUNCTION accountgrains.test_hold_checkpoint();
                """);
            using (var channel = GrpcChannel.ForAddress(address))
            {
                var agent = new ApiClient(new AccountIntegrity.AccountIntegrityClient(channel), keys.HeadersOf("agent"));
                foreach (var account in accounts)
                {
                    await agent.LockAsync(account, LockReason.Compromised);
                }
            }

            await Eventually.Async(() => ScalarAsync(connectionString, "SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep'"), n => n > 0, Within);
            await first.KillAsync();
        }
        finally
        {
            await first.DisposeAsync();
        }

        // The server learns of the dead client when it next writes to it; end the held transactions now, as it would.
        await ExecuteAsync(connectionString, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE wait_event = 'PgSleep'");
        await Eventually.Async(() => ScalarAsync(connectionString, "SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep'"), n => n == 0, Within);
        Assert.Equal(0, await ScalarAsync(connectionString, "SELECT coalesce(sum(count), 0)::bigint FROM accountgrains.report_counts"));
        await ExecuteAsync(connectionString, "DROP TRIGGER test_hold_checkpoint ON accountgrains.report_checkpoints");

        // A new cluster on the same store: the killed silo's membership and lease play no part in what is asserted.
        var (second, secondAddress) = await SiloProcess.StartAsync(Environment(keys, connectionString));
        await using (second)
        {
            using var channel = GrpcChannel.ForAddress(secondAddress);
            var admin = new ClusterAdmin.ClusterAdminClient(channel);
            var counted = await Eventually.Async(() => PlacedTodayAsync(admin, keys), n => n >= Locks, Within);
            Assert.Equal(Locks, counted);

            // One more lock after the catch-up is counted once too, on top of exactly the twelve.
            var agent = new ApiClient(new AccountIntegrity.AccountIntegrityClient(channel), keys.HeadersOf("agent"));
            await agent.LockAsync(ApiSilo.NewAccount("after-restart"), LockReason.Compromised);
            await Eventually.Async(() => PlacedTodayAsync(admin, keys), n => n > Locks, Within);
            Assert.Equal(Locks + 1, await PlacedTodayAsync(admin, keys));
        }
    }

    private static IEnumerable<KeyValuePair<string, string?>> Environment(ApiKeys keys, string connectionString)
    {
        var cluster = "kill-" + Guid.NewGuid().ToString("N")[..8];
        return keys.Configuration(separator: "__").Concat(new Dictionary<string, string?>
        {
            ["ConnectionStrings__AccountGrains"] = connectionString,
            ["Orleans__ClusterId"] = cluster,
            ["Orleans__ServiceId"] = "projection-kill",
            ["Orleans__Endpoints__AdvertisedIPAddress"] = "127.0.0.1",
            ["Orleans__Endpoints__SiloPort"] = SiloProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans__Endpoints__GatewayPort"] = SiloProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging__LogLevel__Orleans"] = "Warning",
            ["DOTNET_gcServer"] = "0",
        });
    }

    private static async Task<long> PlacedTodayAsync(ClusterAdmin.ClusterAdminClient admin, ApiKeys keys)
    {
        var today = DateTime.SpecifyKind(DateTime.UtcNow.Date, DateTimeKind.Utc);
        var reply = await admin.GetReportAsync(
            new GetReportRequest { From = Timestamp.FromDateTime(today), To = Timestamp.FromDateTime(today.AddDays(1)), Granularity = ReportGranularity.Total },
            new Grpc.Core.CallOptions(keys.HeadersOf("admin"), DateTime.UtcNow.AddSeconds(30)));
        return reply.Periods.Single().LocksPlaced.Where(l => l.Reason == LockReason.Compromised).Sum(l => l.Count);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
