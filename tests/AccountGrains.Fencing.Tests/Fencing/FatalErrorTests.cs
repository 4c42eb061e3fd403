using AccountGrains.Fencing.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AccountGrains.Fencing.Tests.Fencing;

public sealed class FatalErrorTests(SharedDatabaseFixture db) : IClassFixture<SharedDatabaseFixture>
{
    [Fact]
    public async Task DeclaredDead_TheSiloStopsServingAtOnceAndAsksToExitWith70()
    {
        await using var harness = await ClusterHarness.StartAsync(db.ConnectionString, db.NewSchema("fatal"), 2);
        var silo = harness.Cluster.GetActiveSilos().Last();
        var services = ClusterHarness.ServicesOf(silo);
        var fencing = services.GetRequiredService<ISiloFencing>();
        Assert.True(fencing.IsServing);

        // What Orleans' membership calls when this silo reads that it was declared dead.
        services.GetRequiredService<IFatalErrorHandler>().OnFatalException(this, "I have been told I am dead, so this silo will stop!");

        Assert.False(fencing.IsServing);
        Assert.Equal(70, services.GetRequiredService<RecordingTermination>().ExitCode);
    }
}
