using AccountGrains.Cluster.Tests.Infrastructure;

namespace AccountGrains.Cluster.Tests.Cluster;

public sealed class GracefulLeaveTests(SharedDatabaseFixture db) : IClassFixture<SharedDatabaseFixture>
{
    [Fact]
    public async Task GracefulStop_MarksTheLeaseLeftAfterItsGrainsDeactivated()
    {
        await using var harness = await ClusterHarness.StartAsync(db.ConnectionString, db.NewSchema("leave"), 2);
        var leaving = harness.Cluster.GetActiveSilos().Last();
        var address = leaving.SiloAddress;

        await harness.Cluster.StopSiloAsync(leaving);

        var row = $"cluster_id = '{harness.Cluster.Options.ClusterId}' AND address = '{address.Endpoint.Address}' AND port = {address.Endpoint.Port} AND generation = {address.Generation}";
        Assert.True(await Sql.ScalarAsync<bool>(db.ConnectionString, $"SELECT left_at IS NOT NULL FROM {harness.Schema}.silo_leases WHERE {row}"));
        Assert.Equal(1L, await Sql.ScalarAsync<long>(db.ConnectionString, $"SELECT count(*) FROM {harness.Schema}.silo_leases WHERE cluster_id = '{harness.Cluster.Options.ClusterId}' AND left_at IS NULL"));
    }
}
