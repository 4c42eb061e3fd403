using AccountGrains.Cluster.Tests.Support;
using AccountGrains.Testing;
using AccountGrains.Testing.Postgres;

namespace AccountGrains.Cluster.Tests;

public sealed class FencingTests
{
    private static readonly Dictionary<string, string?> LongLease = new()
    {
        // The silo's own window (lease - margin = 50 s) runs on a manual clock; the database's lease runs in real
        // time, which this test never lets reach 60 s, so the only thing that can stop the silo is its own fence.
        ["AccountGrains:Cluster:HeartbeatInterval"] = "00:00:01",
        ["AccountGrains:Cluster:LeaseDuration"] = "00:01:00",
        ["AccountGrains:Cluster:SafetyMargin"] = "00:00:10",
    };

    [Fact]
    public async Task SiloThatCannotRenew_FencesWhenItsWindowLapses_AndServesAgainOnceTheDatabaseIsBack()
    {
        await using var server = await PostgresServer.StartNewAsync();
        var db = await TestDatabase.CreateAsync(server);
        var leaseClock = new ManualTimeProvider();
        await using var a = await ClusterSilo.StartAsync(db.ConnectionString, "silo-a", clusterTime: leaseClock, settings: LongLease);
        Assert.True((await Attempt.VerifyAsync(a, "frank")).Served);

        await server.StopAsync();
        leaseClock.Advance(TimeSpan.FromSeconds(49));

        // Still inside the window it proved: the warm grain answers from memory.
        Assert.True((await Attempt.VerifyAsync(a, "frank")).Served);

        leaseClock.Advance(TimeSpan.FromSeconds(2));

        Assert.False(a.Membership.IsServing);
        Assert.NotNull((await Attempt.VerifyAsync(a, "frank")).Unavailable);
        Assert.NotNull((await Attempt.VerifyAsync(a, "grace")).Unavailable);
        Assert.True(await Eventually.TrueAsync(() => a.Runtime.ActivationCount == 0, between: () => leaseClock.Advance(TimeSpan.FromSeconds(1))), "the fenced silo kept its activations");

        await server.StartAsync();

        Assert.True(await Eventually.TrueAsync(() => a.Membership.IsServing, between: () => leaseClock.Advance(TimeSpan.FromSeconds(1))), "the silo did not recover after the database came back");

        // The store's pooled connections died with the server: the first load may fail once (UNAVAILABLE), as a client would retry.
        Assert.True((await Eventually.UntilAsync(() => Attempt.VerifyAsync(a, "frank"), x => x.Served || x.NotOwned is not null || x.Unavailable is not null)).Served);
        Assert.Equal("silo-a", await db.DirectoryOwnerAsync("account/frank"));
        Assert.Null(a.Termination.ExitCode);
    }

    [Fact]
    public async Task SiloFoundDeadByItsOwnRenewal_StopsItsHostWithANonZeroExitCode()
    {
        var db = await TestDatabase.CreateAsync();
        await using var a = await ClusterSilo.StartAsync(db.ConnectionString, "silo-a");
        await using var b = await ClusterSilo.StartAsync(db.ConnectionString, "silo-b");
        Assert.True((await Attempt.VerifyAsync(a, "heidi")).Served);

        await db.ExecuteAsync("UPDATE accountgrains.silos SET status = 'dead' WHERE silo_id = 'silo-a'");

        Assert.True(await Eventually.TrueAsync(() => a.Termination.ExitCode is not null), "silo-a never noticed it was declared dead");
        Assert.Equal(70, a.Termination.ExitCode);
        Assert.True(a.Lifetime.ApplicationStopping.IsCancellationRequested);
        Assert.Equal(SiloStatus.Dead, a.Membership.Status);
        Assert.NotNull((await Attempt.VerifyAsync(a, "heidi")).Unavailable);

        // Marked dead while its heartbeat is fresh, silo-a might still have been serving: the row is free only once the lease ran out.
        if (await db.HeartbeatAgeAsync("silo-a") < a.Options.LeaseDuration - TimeSpan.FromMilliseconds(500))
        {
            Assert.Equal("silo-a", (await Attempt.VerifyAsync(b, "heidi")).NotOwned?.OwnerSiloId);
        }
    }
}
