using AccountGrains.Grains;
using AccountGrains.Storage;
using AccountGrains.Storage.Reports;
using AccountGrains.Streaming.Reporting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace AccountGrains.Streaming.Tests.Support;

/// <summary>
/// One real Orleans silo (<see cref="InProcessTestCluster"/>) with the account grain, the account event stream
/// provider and the reporting projection over a store the test owns, as the silo host composes them.
/// </summary>
internal sealed class StreamCluster : IAsyncDisposable
{
    public const int Partitions = 4;

    private readonly InProcessTestCluster _cluster;

    private StreamCluster(InProcessTestCluster cluster) => _cluster = cluster;

    public IClusterClient Client => _cluster.Client;

    public IServiceProvider SiloServices => _cluster.Silos[0].ServiceProvider;

    public ReportMaintenance Maintenance => SiloServices.GetRequiredService<ReportMaintenance>();

    /// <summary>Starts a silo on <paramref name="events"/>; the projection writes through <paramref name="reports"/> (a fault-injecting wrapper, or the store itself).</summary>
    public static async Task<StreamCluster> StartAsync(IEventStore events, IReportStore reports)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = "accountgrains-streams-tests";
        builder.Options.ClusterId = "streams-" + Guid.NewGuid().ToString("N")[..8];
        builder.ConfigureSiloHost((_, host) => host.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AccountGrains:Streams:PartitionCount"] = Partitions.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AccountGrains:Streams:PollInterval"] = "00:00:00.050",
        }));
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(events);
            silo.Services.AddSingleton(reports);
            silo.UseInMemoryReminderService();
            silo.AddAccountGrains();
            silo.AddAccountEventStreams();
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new StreamCluster(cluster);
    }

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();
}
