using System.Globalization;
using AccountGrains.Contracts.V1;
using AccountGrains.Storage;
using AccountGrains.Storage.Sqlite;
using AccountGrains.Telemetry.Tests.Support;
using Google.Protobuf.WellKnownTypes;

namespace AccountGrains.Telemetry.Tests;

/// <summary>
/// The metrics that appear only once something happens, exported over OTLP by the single-silo default (SQLite): a
/// write conflict (another writer appends to an active account's stream behind the grain's back), a timer's lag (a lock
/// of two seconds ends by the grain's timer), a WatchEvents subscriber's lag (a watch is open), and the reporting
/// projection's lag (it projects the lock).
/// </summary>
public sealed class EventMetricsTests(ITestOutputHelper log)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AConflict_ATimedLocksEnd_AndAnOpenWatch_AreExported()
    {
        var admin = Silos.NewKey();
        var ports = Silos.FreePorts(3);
        var folder = Directory.CreateTempSubdirectory("accountgrains-eventmetrics-");
        var database = Path.Combine(folder.FullName, "accountgrains.db");
        await using var receiver = await OtlpReceiver.StartAsync();
        var environment = Silos.Merge(Silos.Keys(("admin", admin)), Silos.Exporting(receiver, "single"), new Dictionary<string, string>
        {
            ["AccountGrains__Storage__SqlitePath"] = database,
            ["Orleans__Endpoints__SiloPort"] = ports[1].ToString(CultureInfo.InvariantCulture),
            ["Orleans__Endpoints__GatewayPort"] = ports[2].ToString(CultureInfo.InvariantCulture),
        });
        await using var silo = await Silos.StartAsync("single", ports[0], environment);
        using var channel = Silos.Channel(ports[0]);
        var client = new AccountIntegrity.AccountIntegrityClient(channel);
        try
        {
            // A watch from the log's start stays open while the metrics are collected.
            using var watch = client.WatchEvents(new WatchEventsRequest { AfterPosition = 0 }, Silos.Bearer(admin));
            var account = string.Create(CultureInfo.InvariantCulture, $"metrics-{Guid.NewGuid():N}");
            var before = await client.GetAccountAsync(new GetAccountRequest { AccountId = account }, Silos.Bearer(admin), DateTime.UtcNow.AddSeconds(30));

            // Another writer (this test, through the store itself) appends while the grain's activation still holds version 0.
            await AppendBehindTheGrainAsync(database, account);

            // The grain's append expects version 0 and conflicts; it reloads and places its lock, which its timer ends.
            var locked = await client.LockAsync(
                new LockRequest { AccountId = account, Reason = LockReason.SuspiciousActivity, Duration = Duration.FromTimeSpan(TimeSpan.FromSeconds(2)), Note = "timer lag" },
                Silos.Bearer(admin),
                DateTime.UtcNow.AddSeconds(30));
            log.WriteLine($"version {before.Version} before, {locked.Version} after the lock");
            Assert.True(locked.Version >= 2, "The lock landed after the other writer's event.");
            Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None), "The watch delivers the log.");

            string[] named =
            [
                "accountgrains.store.append.conflicts", "accountgrains.deadline.lag", "accountgrains.stream.subscriber.lag",
                "accountgrains.stream.subscribers", "accountgrains.stream.subscriber.overflows", "accountgrains.reporting.projection.lag",
            ];
            await Silos.EventuallyAsync(
                () => Task.FromResult(named.All(MetricNames(receiver).Contains)),
                Within,
                () => "missing: " + string.Join(", ", named.Except(MetricNames(receiver))));
        }
        finally
        {
            log.WriteLine(silo.Output);
        }
    }

    private static async Task AppendBehindTheGrainAsync(string database, string account)
    {
        var placed = new Domain.LockPlaced("other-writer", Domain.LockReason.SuspiciousActivity, null, "another writer", FirstLock: true);
        var data = new EventData(Domain.AccountEventSerializer.TypeOf(placed), DateTimeOffset.UtcNow, "other-writer", null, Domain.AccountEventSerializer.SerializePayload(placed));
        await using var store = new SqliteStore(new SqliteStoreOptions { Path = database });
        var results = await store.AppendBatchAsync([new AppendRequest(account, 0, [data])]);
        Assert.Equal(AppendStatus.Appended, Assert.Single(results).Status);
    }

    private static HashSet<string> MetricNames(OtlpReceiver receiver) => [.. receiver.Bodies("metrics").SelectMany(OtlpWire.MetricNames)];
}
