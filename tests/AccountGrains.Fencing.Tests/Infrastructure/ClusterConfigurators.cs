using AccountGrains.Fencing.Fencing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace AccountGrains.Fencing.Tests.Infrastructure;

/// <summary>Each test silo joins exactly as a production silo does: <c>UseAccountGrainsCluster</c> from its configuration.</summary>
public sealed class ClusterSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        // Registered first, so the cluster's TryAdd keeps it: a silo that loses its lease is recorded, not exited.
        siloBuilder.Services.AddSingleton<RecordingTermination>();
        siloBuilder.Services.AddSingleton<ISiloTermination>(sp => sp.GetRequiredService<RecordingTermination>());
        var connectionString = siloBuilder.Configuration[ClusterHarness.ConnectionStringKey]!;

        // The event store as the silo host registers it: the lease keeper fences its appends.
        siloBuilder.Services.AddSingleton(_ => new Storage.Postgres.PostgresStore(new Storage.Postgres.PostgresStoreOptions
        {
            ConnectionString = connectionString,
            Schema = siloBuilder.Configuration["AccountGrains:Storage:Schema"]!,
        }));
        siloBuilder.UseAccountGrainsCluster(siloBuilder.Configuration, connectionString);
    }
}

/// <summary>The test client finds the gateways through the same PostgreSQL membership table.</summary>
public sealed class ClusterClientConfigurator : IClientBuilderConfigurator
{
    public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
        clientBuilder.UseAccountGrainsCluster(configuration, configuration[ClusterHarness.ConnectionStringKey]!);
}

/// <summary>Records the exit code a silo asked for instead of ending the test process.</summary>
internal sealed class RecordingTermination : ISiloTermination
{
    private int _exitCode;

    public int? ExitCode => Volatile.Read(ref _exitCode) is var code and not 0 ? code : null;

    public bool EndsProcess => false;

    public void Terminate(int exitCode) => Volatile.Write(ref _exitCode, exitCode);
}
