using AccountGrains.Fencing.Tests.Infrastructure;

namespace AccountGrains.Fencing.Tests.Cluster;

public sealed class GracefulLeaveTests(SharedDatabaseFixture db) : IClassFixture<SharedDatabaseFixture>
{
    [Fact]
    public async Task GracefulStop_MarksItsLeaseLeftOnlyAfterOrleansDeactivatedItsGrains()
    {
        await using var harness = await ClusterHarness.StartAsync(db.ConnectionString, db.NewSchema("leave"), 2);
        var leaving = harness.Cluster.GetActiveSilos().Last();
        var address = leaving.SiloAddress;
        var keys = Enumerable.Range(0, 40).Select(i => $"leave-{Guid.NewGuid():N}-{i}").ToList();
        var where = await Task.WhenAll(keys.Select(k => harness.Grains.GetGrain<ITestGrain>(k).WhereAsync()));
        var hostedThere = keys.Where((_, i) => where[i] == address.ToString()).ToList();
        Assert.NotEmpty(hostedThere);

        await harness.Cluster.StopSiloAsync(leaving);

        var row = $"cluster_id = '{harness.Cluster.Options.ClusterId}' AND address = '{address.Endpoint.Address}' AND port = {address.Endpoint.Port} AND generation = {address.Generation}";
        var leftAt = await Sql.ScalarAsync<DateTime>(db.ConnectionString, $"SELECT left_at FROM {harness.Schema}.silo_leases WHERE {row}");
        Assert.All(hostedThere, k => Assert.True(TestGrainRecords.DeactivatedAt[k] <= new DateTimeOffset(leftAt, TimeSpan.Zero), $"{k} deactivated after the lease was released"));
        Assert.Equal(1L, await Sql.ScalarAsync<long>(db.ConnectionString, $"SELECT count(*) FROM {harness.Schema}.silo_leases WHERE cluster_id = '{harness.Cluster.Options.ClusterId}' AND left_at IS NULL"));
    }
}
