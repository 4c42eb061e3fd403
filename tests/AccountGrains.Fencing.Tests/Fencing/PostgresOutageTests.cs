using AccountGrains.Abstractions;
using AccountGrains.Fencing.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AccountGrains.Fencing.Tests.Fencing;

/// <summary>
/// PostgreSQL is the arbiter: when silos cannot renew their leases they stop serving, warm grains included, before
/// their leases expire; they serve again if a renewal gets through in time, and exit (code 70) once it cannot.
/// </summary>
/// <remarks>
/// A long lease with a wide margin (8 s, serving 3 s after a renewal) leaves room to restart PostgreSQL between the
/// fence and the expiry on a loaded machine; the rules are the same as with the 3 s default.
/// </remarks>
public sealed class PostgresOutageTests(OwnServerFixture pg) : IClassFixture<OwnServerFixture>
{
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["AccountGrains:Cluster:LeaseDuration"] = "00:00:08",
        ["AccountGrains:Cluster:SafetyMargin"] = "00:00:05",
        ["AccountGrains:Cluster:HeartbeatInterval"] = "00:00:00.500",
        ["AccountGrains:Cluster:ActivationGateTimeout"] = "00:00:20",
    };

    [Fact]
    public async Task ShortOutage_FencesEverySiloWithinTheLease_ThenTheyServeAgain()
    {
        await using var harness = await ClusterHarness.StartAsync(pg.ConnectionString, "short_outage", 2, Settings);
        Assert.Equal(LeaseDuration, ClusterHarness.ServicesOf(harness.Cluster.GetActiveSilos().First()).GetRequiredService<ClusterFencingOptions>().LeaseDuration);
        var grain = harness.Grains.GetGrain<ITestGrain>("warm");
        await grain.WhereAsync();

        await pg.Server.StopAsync();
        try
        {
            var fencedAfter = await Eventually.TrueAsync(() => RefusedAsync(grain), Timeout, "a warm grain's call is refused");
            await Eventually.TrueAsync(() => harness.Fencings().All(f => !f.IsServing), Timeout, "every silo is fenced");
            Assert.True(fencedAfter < LeaseDuration, $"fenced {fencedAfter.TotalSeconds:F1} s into the outage, not within the {LeaseDuration.TotalSeconds} s lease");
        }
        finally
        {
            await pg.Server.StartAsync();
        }

        await Eventually.TrueAsync(async () => !await RefusedAsync(grain), Timeout, "the grain is served again");

        // Each silo reopens on its own next renewal: the one hosting the grain may be back a heartbeat before the other.
        await Eventually.TrueAsync(() => harness.Fencings().All(f => f.IsServing), Timeout, "every silo serves again");
        Assert.All(harness.Terminations(), t => Assert.Null(t.ExitCode));
    }

    [Fact]
    public async Task OutageLongerThanTheLease_EverySiloFindsItsLeaseExpiredAndExitsWith70()
    {
        await using var harness = await ClusterHarness.StartAsync(pg.ConnectionString, "long_outage", 2, Settings);
        var grain = harness.Grains.GetGrain<ITestGrain>("warm");
        await grain.WhereAsync();

        await pg.Server.StopAsync();
        try
        {
            await Eventually.TrueAsync(() => RefusedAsync(grain), Timeout, "a warm grain's call is refused");

            // The scenario is an outage longer than the lease: it has to last that long.
            await Task.Delay(LeaseDuration);
        }
        finally
        {
            await pg.Server.StartAsync();
        }

        await Eventually.TrueAsync(() => harness.Terminations().All(t => t.ExitCode == 70), Timeout, "every silo asks to exit with 70");
        Assert.True(await RefusedAsync(grain), "a silo that lost its lease never serves again");

        // Nor can anything of it still write: its appends carry the lease, which the database finds expired.
        var store = ClusterHarness.ServicesOf(harness.Cluster.Silos[0]).GetRequiredService<Storage.Postgres.PostgresStore>();
        Assert.True(store.Fence.IsHeld);
        var late = new Storage.AppendRequest("late-writer", 0, [new Storage.EventData("Test", DateTimeOffset.UtcNow, "test", null, new byte[] { 1 })]);
        await Assert.ThrowsAsync<Storage.StoreUnavailableException>(async () => await store.AppendBatchAsync([late]));
        Assert.Empty(await store.ReadStreamAsync("late-writer", 0, 10));
    }

    private static async Task<bool> RefusedAsync(ITestGrain grain)
    {
        try
        {
            await grain.WhereAsync();
            return false;
        }
        catch (AccountUnavailableException)
        {
            return true;
        }
    }
}
