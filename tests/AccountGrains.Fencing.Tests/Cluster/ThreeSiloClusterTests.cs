using System.Diagnostics;
using System.Net;
using AccountGrains.Fencing.Fencing;
using AccountGrains.Fencing.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace AccountGrains.Fencing.Tests.Cluster;

public sealed class ThreeSiloClusterTests(ThreeSiloClusterFixture fixture) : IClassFixture<ThreeSiloClusterFixture>
{
    private const string GhostAddress = "127.0.0.2";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private ClusterHarness Harness => fixture.Harness;
    private string Schema => Harness.Schema;
    private string ClusterId => Harness.Cluster.Options.ClusterId;

    [Fact]
    public async Task ThreeSilos_JoinThroughThePostgresMembershipTable_AndEachHoldsAFreshLease()
    {
        await Eventually.TrueAsync(
            async () => await Sql.ScalarAsync<long>(fixture.ConnectionString, $"SELECT count(*) FROM {Schema}.orleansmembershiptable WHERE deploymentid = '{ClusterId}' AND status = 3") == 3,
            Timeout,
            "three active rows in the membership table");
        var hosts = await Harness.Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);

        Assert.Equal(3, hosts.Count);
        Assert.Equal(3L, await Sql.ScalarAsync<long>(fixture.ConnectionString, $"SELECT count(*) FROM {Schema}.silo_leases WHERE cluster_id = '{ClusterId}' AND left_at IS NULL AND expires_at > now()"));
        Assert.All(Harness.Fencings(), f => Assert.True(f.IsServing));
        var membership = ClusterHarness.ServicesOf(Harness.Cluster.GetActiveSilos().First()).GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;
        Assert.Equal((TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)), (membership.ProbeTimeout, membership.MaxProbeTimeout, membership.TableRefreshTimeout));
        foreach (var silo in Harness.Cluster.GetActiveSilos())
        {
            var report = await ClusterHarness.ServicesOf(silo).GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Name == "fencing");
            Assert.Equal(HealthStatus.Healthy, report.Status);
        }
    }

    [Fact]
    public async Task GrainCalls_FromTheClient_ReachGrainsOnEverySilo()
    {
        var where = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Harness.Grains.GetGrain<ITestGrain>($"spread-{i}").WhereAsync()));

        Assert.Equal(3, where.Distinct().Count());
    }

    [Fact]
    public async Task Reminder_RegisteredThroughAdoNet_IsStoredInTheSchemaAndFires()
    {
        var key = "remind-" + Guid.NewGuid().ToString("N")[..8];
        var grain = Harness.Grains.GetGrain<ITestGrain>(key);

        await grain.RemindAsync(TimeSpan.FromSeconds(1));
        try
        {
            Assert.Equal(1L, await Sql.ScalarAsync<long>(fixture.ConnectionString, $"SELECT count(*) FROM {Schema}.orleansreminderstable WHERE grainid LIKE '%{key}' AND remindername = 'tick'"));
            await Eventually.TrueAsync(() => TestGrainRecords.ReminderTicks.GetValueOrDefault(key) >= 1, Timeout, "the reminder fires");
        }
        finally
        {
            await grain.ForgetAsync();
        }

        Assert.Equal(0L, await Sql.ScalarAsync<long>(fixture.ConnectionString, $"SELECT count(*) FROM {Schema}.orleansreminderstable WHERE grainid LIKE '%{key}'"));
    }

    [Fact]
    public async Task Activation_WhileADeadDeclaredSiloStillHoldsALease_WaitsForThatLeaseToExpire()
    {
        var warm = Harness.Grains.GetGrain<ITestGrain>("warm-" + Guid.NewGuid().ToString("N")[..8]);
        await warm.WhereAsync();
        var expiresAt = await GhostAsync(port: 1, SiloStatus.Dead, lease: TimeSpan.FromSeconds(3), left: false);
        try
        {
            await Eventually.TrueAsync(() => Gates().All(g => g.EarliestBlockingExpiry() is not null), Timeout, "every silo sees the ghost's live lease");

            var warmCall = Stopwatch.StartNew();
            await warm.WhereAsync();
            warmCall.Stop();
            var key = "gated-" + Guid.NewGuid().ToString("N")[..8];
            await Harness.Grains.GetGrain<ITestGrain>(key).WhereAsync();

            Assert.True(warmCall.Elapsed < TimeSpan.FromSeconds(1), $"a warm call is never gated (took {warmCall.Elapsed.TotalMilliseconds:F0} ms)");
            Assert.True(TestGrainRecords.ActivatedAt[key] >= expiresAt, $"activated at {TestGrainRecords.ActivatedAt[key]:O}, before the ghost's lease expired at {expiresAt:O}");
        }
        finally
        {
            await ForgetGhostAsync(port: 1);
        }
    }

    /// <summary>
    /// Orleans writes Stopping for a stop that was cancelled or whose graceful part timed out: the silo's grains were
    /// not deactivated, and the directory already lets others activate them (seen in the failover test: a grain
    /// reactivated 70 ms after an ungraceful stop, 2.5 s before that silo's lease expired). The gate must hold back on
    /// the Stopping status itself: the ghost's row is written without bumping the table's version, so Orleans does not
    /// list it and never declares it dead (its status is read back to prove it was still Stopping).
    /// </summary>
    [Fact]
    public async Task Activation_WhileAnUngracefullyStoppingSiloStillHoldsALease_WaitsForThatLeaseToExpire()
    {
        var expiresAt = await GhostAsync(port: 3, SiloStatus.Stopping, lease: TimeSpan.FromSeconds(3), left: false);
        try
        {
            await Eventually.TrueAsync(() => Gates().All(g => g.EarliestBlockingExpiry() is not null), Timeout, "every silo is held back by the stopping ghost's lease");
            var statusWhenHeldBack = await GhostStatusAsync(port: 3);
            var key = "stopping-" + Guid.NewGuid().ToString("N")[..8];
            await Harness.Grains.GetGrain<ITestGrain>(key).WhereAsync();

            Assert.Equal(SiloStatus.Stopping, statusWhenHeldBack);
            Assert.True(TestGrainRecords.ActivatedAt[key] >= expiresAt, $"activated at {TestGrainRecords.ActivatedAt[key]:O}, before the stopping ghost's lease expired at {expiresAt:O}");
        }
        finally
        {
            await ForgetGhostAsync(port: 3);
        }
    }

    [Fact]
    public async Task Activation_WhenTheDeadDeclaredSiloLeftGracefully_DoesNotWait()
    {
        var expiresAt = await GhostAsync(port: 2, SiloStatus.Dead, lease: TimeSpan.FromSeconds(20), left: true);
        try
        {
            var key = "ungated-" + Guid.NewGuid().ToString("N")[..8];
            await Harness.Grains.GetGrain<ITestGrain>(key).WhereAsync();

            Assert.True(TestGrainRecords.ActivatedAt[key] < expiresAt, "a lease marked left holds nothing back");
        }
        finally
        {
            await ForgetGhostAsync(port: 2);
        }
    }

    [Fact]
    public async Task Activation_WhileASiloShutsDownGracefully_DoesNotWaitForItsLease()
    {
        var expiresAt = await GhostAsync(port: 4, SiloStatus.ShuttingDown, lease: TimeSpan.FromSeconds(20), left: false);
        try
        {
            var ghost = SiloAddress.New(IPAddress.Parse(GhostAddress), 4, 1);
            await Eventually.TrueAsync(() => Gates().All(g => g.SeesLeaseOf(ghost)), Timeout, "every silo sees the leaving ghost's live lease");
            var key = "leaving-" + Guid.NewGuid().ToString("N")[..8];
            await Harness.Grains.GetGrain<ITestGrain>(key).WhereAsync();

            Assert.Equal(SiloStatus.ShuttingDown, await GhostStatusAsync(port: 4));
            Assert.True(TestGrainRecords.ActivatedAt[key] < expiresAt, "a graceful leave deactivates before its grains move: its live lease holds nothing back");
        }
        finally
        {
            await ForgetGhostAsync(port: 4);
        }
    }

    private IEnumerable<ActivationGate> Gates() => Harness.Cluster.GetActiveSilos().Select(s => ClusterHarness.ServicesOf(s).GetRequiredService<ActivationGate>());

    /// <summary>A silo that never ran: in the membership table with <paramref name="status"/>, its lease live for <paramref name="lease"/>.</summary>
    private async Task<DateTimeOffset> GhostAsync(int port, SiloStatus status, TimeSpan lease, bool left)
    {
        await Sql.ExecuteAsync(fixture.ConnectionString, $"""
            INSERT INTO {Schema}.orleansmembershiptable (deploymentid, address, port, generation, siloname, hostname, status, proxyport, starttime, iamalivetime)
            VALUES ('{ClusterId}', '{GhostAddress}', {port}, 1, 'ghost', 'ghost', {(int)status}, 0, now(), now());
            """);
        var expires = await Sql.ScalarAsync<DateTime>(fixture.ConnectionString, $"""
            INSERT INTO {Schema}.silo_leases (cluster_id, address, port, generation, silo_name, acquired_at, renewed_at, expires_at, left_at)
            VALUES ('{ClusterId}', '{GhostAddress}', {port}, 1, 'ghost', now(), now(), now() + interval '{lease.TotalMilliseconds} milliseconds', {(left ? "now()" : "NULL")})
            RETURNING expires_at
            """);
        return new DateTimeOffset(expires, TimeSpan.Zero);
    }

    private async Task<SiloStatus> GhostStatusAsync(int port) => (SiloStatus)await Sql.ScalarAsync<int>(
        fixture.ConnectionString,
        $"SELECT status FROM {Schema}.orleansmembershiptable WHERE deploymentid = '{ClusterId}' AND address = '{GhostAddress}' AND port = {port}");

    private Task ForgetGhostAsync(int port) => Sql.ExecuteAsync(fixture.ConnectionString, $"""
        DELETE FROM {Schema}.silo_leases WHERE cluster_id = '{ClusterId}' AND address = '{GhostAddress}' AND port = {port};
        DELETE FROM {Schema}.orleansmembershiptable WHERE deploymentid = '{ClusterId}' AND address = '{GhostAddress}' AND port = {port};
        """);
}
