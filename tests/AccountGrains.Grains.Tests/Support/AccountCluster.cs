using AccountGrains.Abstractions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace AccountGrains.Grains.Tests.Support;

/// <summary>
/// One real Orleans silo (Orleans' <see cref="InProcessTestCluster"/>) with account grains on a store the
/// test owns, and an Orleans client through its gateway. Stopping one and starting another with the same
/// <see cref="ServiceId"/> on the same store is a silo restart: the reminders are the service's.
/// </summary>
internal sealed class AccountCluster : IAsyncDisposable
{
    /// <summary>Fast reminders, so a test sees a restarted silo's reminders within seconds (Orleans' defaults are minutes).</summary>
    public static readonly IReadOnlyDictionary<string, string?> FastReminders = new Dictionary<string, string?>
    {
        ["AccountGrains:Grains:ReminderPeriod"] = "00:00:02",
    };

    private readonly InProcessTestCluster _cluster;

    private AccountCluster(InProcessTestCluster cluster) => _cluster = cluster;

    public const string ServiceId = "accountgrains-tests";

    public IClusterClient Client => _cluster.Client;

    public IServiceProvider SiloServices => _cluster.Silos[0].ServiceProvider;

    /// <summary>Starts a silo. With <paramref name="grainClock"/> the grains and their timers run on it; Orleans' own loops stay on real time.</summary>
    public static async Task<AccountCluster> StartAsync(ITestStore store, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? grainClock = null)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = ServiceId;
        builder.Options.ClusterId = "test-" + Guid.NewGuid().ToString("N")[..8];
        builder.ConfigureSiloHost((_, host) => host.Configuration.AddInMemoryCollection(settings ?? FastReminders));
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(store.Events);
            if (grainClock is not null)
            {
                silo.Services.AddSingleton(grainClock);
                silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            }

            silo.Configure<ReminderOptions>(o =>
            {
                o.MinimumReminderPeriod = TimeSpan.FromSeconds(1);
                o.RefreshReminderListPeriod = TimeSpan.FromSeconds(1);
                o.ReminderLoadingWindow = TimeSpan.FromMinutes(5);
            });
            store.Configure(silo);
            silo.AddAccountGrains();
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new AccountCluster(cluster);
    }

    public IAccountGrain Account(string accountId) => Client.GetGrain<IAccountGrain>(accountId);

    /// <summary>The reminders the silo's reminder table holds for the account's grain.</summary>
    public async Task<IReadOnlyList<ReminderEntry>> RemindersAsync(string accountId)
    {
        var table = SiloServices.GetRequiredService<IReminderTable>();
        var rows = await table.ReadRows(Account(accountId).GetGrainId());
        return [.. rows.Reminders];
    }

    /// <summary>Deactivates the account's activation, so the next call activates it from the store.</summary>
    public Task DeactivateAsync(string accountId) => _cluster.DeactivateAsync(Account(accountId));

    /// <summary>Stops the silo gracefully: calls in flight finish, grains deactivate.</summary>
    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();
}
