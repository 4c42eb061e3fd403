using AccountGrains.Storage.Sqlite;
using AccountGrains.Storage.Sqlite.Reminders;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace AccountGrains.Storage.Tests.Sqlite.Reminders;

/// <summary>Orleans' own reminder service on the SQLite table, in real silos: a reminder outlives the silo that registered it.</summary>
public sealed class SqliteReminderSiloTests : IDisposable
{
    /// <summary>Generous: the silos share two cores with other builds, and Orleans staggers its first table read.</summary>
    private static readonly TimeSpan FireWithin = TimeSpan.FromSeconds(60);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "accountgrains-reminder-silo-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Reminder_RegisteredBeforeTheSiloStops_FiresOnTheNextSiloFromTheSqliteFile_AndAnUnregisteredOneDoesNot()
    {
        var options = new SqliteStoreOptions { Path = Path.Combine(_folder, "accountgrains.db") };
        var ticks = new ReminderTicks();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(options);
            silo.Services.AddSingleton(ticks);
            silo.Configure<ReminderOptions>(o =>
            {
                // Orleans refuses periods under a minute by default; a short one keeps the test short.
                o.MinimumReminderPeriod = TimeSpan.FromSeconds(1);
                o.RefreshReminderListPeriod = TimeSpan.FromSeconds(1);
            });
            silo.UseSqliteReminderTable();
        });
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        var first = cluster.Silos.Single();

        // Due well after the silo has stopped: the only copy left is the row in the file. The second one is
        // removed through Orleans (the table's etag-checked removal) and must stay gone.
        var probe = cluster.Client.GetGrain<IReminderProbeGrain>("alice");
        await probe.RegisterAsync("expire", TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2));
        await probe.RegisterAsync("cancelled", TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(2));
        await probe.UnregisterAsync("cancelled");
        await cluster.StopSiloAsync(first);
        var whileDown = await StoredReminders(options, cluster.Options.ServiceId);
        var second = await cluster.StartAdditionalSiloAsync();
        var fired = await EventuallyAsync(() => ticks.Snapshot().Any(t => t.Silo.Equals(second.SiloAddress)));

        var stored = Assert.Single(whileDown);
        Assert.Equal(("alice", "expire"), (stored.GrainId.Key.ToString(), stored.ReminderName));
        Assert.True(fired, $"no tick on the restarted silo within {FireWithin}; ticks: {string.Join(", ", ticks.Snapshot())}");
        Assert.All(ticks.Snapshot(), t => Assert.Equal(("alice", "expire"), (t.Grain, t.Reminder)));
    }

    /// <summary>Reads the file as a fresh table would, with no silo running.</summary>
    private static async Task<IList<ReminderEntry>> StoredReminders(SqliteStoreOptions options, string serviceId)
    {
        var table = new SqliteReminderTable(options, Options.Create(new ClusterOptions { ServiceId = serviceId }), NullLogger<SqliteReminderTable>.Instance);
        await table.StartAsync();
        return (await table.ReadRows(0, 0)).Reminders;
    }

    private static async Task<bool> EventuallyAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + FireWithin;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(100);
        }

        return true;
    }
}
