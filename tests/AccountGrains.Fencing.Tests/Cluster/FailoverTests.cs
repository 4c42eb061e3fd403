using System.Diagnostics;
using Xunit.Abstractions;
using AccountGrains.Fencing.Tests.Infrastructure;

namespace AccountGrains.Fencing.Tests.Cluster;

/// <summary>
/// A silo stopped without a graceful leave (its lease not released): its grains are served by the others within
/// the 5 s budget, and not before its lease expired by the database clock. In process the killed silo still writes
/// Stopping, then Dead, while its grains stay undeactivated; `kill -9` of a real process is the cluster-process tests' case.
/// </summary>
public sealed class FailoverTests(SharedDatabaseFixture db, ITestOutputHelper output) : IClassFixture<SharedDatabaseFixture>
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task KilledSilo_ItsGrainsAreServedElsewhereWithinFiveSeconds_AfterItsLeaseExpired()
    {
        await using var harness = await ClusterHarness.StartAsync(db.ConnectionString, db.NewSchema("failover"), 3);
        var victim = harness.Cluster.GetActiveSilos().Last();
        var keys = Enumerable.Range(0, 60).Select(i => $"failover-{Guid.NewGuid():N}-{i}").ToList();
        var where = await Task.WhenAll(keys.Select(k => harness.Grains.GetGrain<ITestGrain>(k).WhereAsync()));
        var key = keys[Array.FindIndex(where, w => w == victim.SiloAddress.ToString())];
        var grain = harness.Grains.GetGrain<ITestGrain>(key);

        var killed = Stopwatch.StartNew();
        var killedAt = DateTimeOffset.UtcNow;
        await harness.Cluster.KillSiloAsync(victim);
        string? servedBy = null;
        while (servedBy is null && killed.Elapsed < TimeSpan.FromSeconds(30))
        {
            try
            {
                servedBy = await grain.WhereAsync().WaitAsync(TimeSpan.FromSeconds(1));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                await Task.Delay(50);
            }
        }

        var failover = killed.Elapsed;
        output.WriteLine($"failover: {failover.TotalMilliseconds:F0} ms");
        Assert.NotNull(servedBy);
        Assert.NotEqual(victim.SiloAddress.ToString(), servedBy);
        Assert.True(failover < Budget, $"served again after {failover.TotalSeconds:F2} s");
        var leaseExpired = await Sql.ScalarAsync<DateTime>(db.ConnectionString, $"SELECT expires_at FROM {harness.Schema}.silo_leases WHERE cluster_id = '{harness.Cluster.Options.ClusterId}' AND port = {victim.SiloAddress.Endpoint.Port} AND generation = {victim.SiloAddress.Generation}");
        Assert.True(TestGrainRecords.ActivatedAt[key] >= new DateTimeOffset(leaseExpired, TimeSpan.Zero), $"reactivated at {TestGrainRecords.ActivatedAt[key]:O}, before the killed silo's lease expired at {leaseExpired:O} (killed at {killedAt:O})");
    }
}
