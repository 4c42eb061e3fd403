using AccountGrains.Cluster.Hosting;
using AccountGrains.Cluster.Internal;
using AccountGrains.Cluster.Membership;
using AccountGrains.Grains;
using AccountGrains.Runtime;
using AccountGrains.Storage;
using AccountGrains.Storage.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AccountGrains.Cluster.Tests.Support;

/// <summary>
/// One silo of an in-process cluster: its own host, container, grain runtime, store client and membership,
/// on a database the silos share, as separate processes would.
/// </summary>
internal sealed class ClusterSilo : IAsyncDisposable
{
    private static int s_port = 41000;
    private readonly IHost _host;
    private readonly PostgresStore _store;

    private ClusterSilo(IHost host, PostgresStore store, string siloId)
    {
        _host = host;
        _store = store;
        SiloId = siloId;
    }

    public string SiloId { get; }

    public string Address => Options.AdvertisedAddress;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IGrainRuntime Runtime => _host.Services.GetRequiredService<IGrainRuntime>();

    public IClusterMembership Membership => _host.Services.GetRequiredService<IClusterMembership>();

    public IReminderStore Reminders => _store;

    public AccountHistoryReader History => _host.Services.GetRequiredService<AccountHistoryReader>();

    public ClusterOptions Options => _host.Services.GetRequiredService<ClusterOptions>();

    public RecordingTermination Termination => (RecordingTermination)_host.Services.GetRequiredService<ISiloTermination>();

    public IHostApplicationLifetime Lifetime => _host.Services.GetRequiredService<IHostApplicationLifetime>();

    /// <summary>Starts a silo. <paramref name="grainTime"/> drives grains and reminders; <paramref name="clusterTime"/> the lease (default: real time).</summary>
    public static async Task<ClusterSilo> StartAsync(
        string connectionString,
        string siloId,
        TimeProvider? grainTime = null,
        TimeProvider? clusterTime = null,
        IDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:AccountGrains"] = connectionString,
            ["AccountGrains:Cluster:SiloId"] = siloId,
            ["AccountGrains:Cluster:AdvertisedAddress"] = $"http://127.0.0.1:{Interlocked.Increment(ref s_port)}",
            ["AccountGrains:Reminders:PollPeriod"] = "00:00:10",
            ["AccountGrains:Reminders:LookAhead"] = "00:00:20",
            ["AccountGrains:Reminders:RetryDelay"] = "00:00:10",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        var store = new PostgresStore(new PostgresStoreOptions { ConnectionString = connectionString });
        builder.Services.AddSingleton(grainTime ?? TimeProvider.System);
        builder.Services.AddSingleton(new ClusterClock(clusterTime ?? TimeProvider.System));

        builder.Services.AddSingleton<IEventStore>(store);
        builder.Services.AddSingleton<IReminderStore>(store);
        builder.Services.AddSingleton<IStoreSchema>(store);
        builder.Services.AddSingleton<ISiloTermination, RecordingTermination>();
        builder.Services.AddAccountGrains(builder.Configuration);
        builder.Services.AddAccountGrainsCluster(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        return new ClusterSilo(host, store, siloId);
    }

    /// <summary>Simulates a crash: heartbeats stop, nothing is released or recorded; the silo fences itself once its window lapses.</summary>
    public Task CrashAsync() => _host.Services.GetRequiredService<MembershipService>().HaltAsync();

    /// <summary>Stops gracefully: leaving, turns finish, grains deactivate, left.</summary>
    public Task StopAsync() => _host.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _store.DisposeAsync();
    }
}

/// <summary>Records the exit a silo found dead asks for, and stops its host, without ending the test process.</summary>
internal sealed class RecordingTermination(IHostApplicationLifetime lifetime) : ISiloTermination
{
    private int _exitCode;

    public int? ExitCode => Volatile.Read(ref _exitCode) is var code and not 0 ? code : null;

    public void Terminate(int exitCode)
    {
        Volatile.Write(ref _exitCode, exitCode);
        lifetime.StopApplication();
    }
}
