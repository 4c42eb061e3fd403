using AccountGrains.Fencing.Tests.Infrastructure;

namespace AccountGrains.Fencing.Tests.Cluster;

/// <summary>Three silos on the shared test server, joined through our schema; shared by the tests of one class.</summary>
public sealed class ThreeSiloClusterFixture : IAsyncLifetime
{
    private readonly SharedDatabaseFixture _db = new();

    public ClusterHarness Harness { get; private set; } = null!;

    public string ConnectionString => _db.ConnectionString;

    public async Task InitializeAsync()
    {
        await _db.InitializeAsync();
        Harness = await ClusterHarness.StartAsync(_db.ConnectionString, _db.NewSchema("three"), 3);
    }

    public async Task DisposeAsync() => await Harness.DisposeAsync();
}
