using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace AccountGrains.Fencing.Tests.Infrastructure;

/// <summary>
/// Real Orleans silos in this process, on TCP over 127.0.0.1, joined through the ADO.NET membership table in the given
/// PostgreSQL schema (Orleans' in-memory test membership is off), configured like production silos.
/// </summary>
public sealed class ClusterHarness : IAsyncDisposable
{
    public const string ConnectionStringKey = "AccountGrains:Test:ConnectionString";

    private ClusterHarness(TestCluster cluster, string schema)
    {
        Cluster = cluster;
        Schema = schema;
    }

    public TestCluster Cluster { get; }

    public string Schema { get; }

    public IGrainFactory Grains => Cluster.GrainFactory;

    public static async Task<ClusterHarness> StartAsync(string connectionString, string schema, short silos, IReadOnlyDictionary<string, string>? settings = null)
    {
        var builder = new TestClusterBuilder(silos);
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.Options.ConfigureFileLogging = false;
        builder.Properties[ConnectionStringKey] = connectionString;
        builder.Properties["AccountGrains:Storage:Schema"] = schema;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.Properties[key] = value;
        }

        builder.AddSiloBuilderConfigurator<ClusterSiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClusterClientConfigurator>();
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return new ClusterHarness(cluster, schema);
    }

    public static IServiceProvider ServicesOf(SiloHandle silo) => ((InProcessSiloHandle)silo).ServiceProvider;

    public IEnumerable<ISiloFencing> Fencings() => Cluster.GetActiveSilos().Select(s => ServicesOf(s).GetRequiredService<ISiloFencing>());

    internal IEnumerable<RecordingTermination> Terminations() => Cluster.Silos.Select(s => ServicesOf(s).GetRequiredService<RecordingTermination>());

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Cluster.StopAllSilosAsync();
        }
        finally
        {
            await Cluster.DisposeAsync();
        }
    }
}
