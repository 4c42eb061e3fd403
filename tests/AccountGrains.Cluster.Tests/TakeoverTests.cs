using System.Diagnostics;
using AccountGrains.Cluster.Tests.Support;
using Xunit.Abstractions;

namespace AccountGrains.Cluster.Tests;

public sealed class TakeoverTests(ITestOutputHelper output)
{
    [Fact]
    public async Task CrashedSilo_ItsGrainsAreClaimedOnlyAfterItsLeaseExpiredByTheDatabaseClock()
    {
        var db = await TestDatabase.CreateAsync();
        await using var a = await ClusterSilo.StartAsync(db.ConnectionString, "silo-a");
        await using var b = await ClusterSilo.StartAsync(db.ConnectionString, "silo-b");
        Assert.True((await Attempt.VerifyAsync(a, "carol")).Served);
        var lease = a.Options.LeaseDuration;

        await a.CrashAsync();
        var crashed = Stopwatch.StartNew();
        var attempts = new List<(Attempt Attempt, TimeSpan AgeAfter)>();
        while (attempts.Count == 0 || !attempts[^1].Attempt.Served)
        {
            Assert.True(crashed.Elapsed < TimeSpan.FromSeconds(30), "silo-b never took over");
            var attempt = await Attempt.VerifyAsync(b, "carol");
            attempts.Add((attempt, await db.HeartbeatAgeAsync("silo-a")));
            await Task.Delay(20);
        }

        var takeover = crashed.Elapsed;
        output.WriteLine($"lease {lease.TotalSeconds:0.0} s, heartbeat {a.Options.HeartbeatInterval.TotalMilliseconds:0} ms: silo-b served the account {takeover.TotalSeconds:0.00} s after silo-a's crash, {attempts.Count} attempts");

        // Every attempt that ended while silo-a's heartbeat was younger than the lease was refused, naming silo-a.
        Assert.All(attempts.Where(x => x.AgeAfter <= lease), x => Assert.Equal("silo-a", x.Attempt.NotOwned?.OwnerSiloId));
        Assert.False(attempts[0].Attempt.Served);
        Assert.True(attempts[^1].AgeAfter > lease);
        Assert.Equal("silo-b", await db.DirectoryOwnerAsync("account/carol"));

        // The crashed silo fenced itself long before: it answers nothing for the account any more.
        Assert.False(a.Membership.IsServing);
        Assert.NotNull((await Attempt.VerifyAsync(a, "carol")).Unavailable);
    }

    [Fact]
    public async Task SiloThatLeftGracefully_ItsGrainsAreClaimedAtOnceWithoutWaitingForTheLease()
    {
        var db = await TestDatabase.CreateAsync();
        await using var a = await ClusterSilo.StartAsync(db.ConnectionString, "silo-a");
        await using var b = await ClusterSilo.StartAsync(db.ConnectionString, "silo-b");
        var accounts = Enumerable.Range(0, 10).Select(i => $"leave-{i}").ToArray();
        foreach (var account in accounts)
        {
            Assert.True((await Attempt.VerifyAsync(a, account)).Served);
        }

        Assert.NotNull((await Attempt.VerifyAsync(b, accounts[0])).NotOwned);

        await a.StopAsync();
        var attempts = await Task.WhenAll(accounts.Select(account => Attempt.VerifyAsync(b, account)));

        Assert.All(attempts, x => Assert.True(x.Served));
        Assert.True(await db.HeartbeatAgeAsync("silo-a") < a.Options.LeaseDuration, "the takeover waited for the lease");
        var silos = await b.Membership.ListSilosAsync();
        Assert.Equal(SiloStatus.Left, silos.Single(s => s.SiloId == "silo-a").Status);
        Assert.Equal(0, a.Runtime.ActivationCount);
    }

    [Fact]
    public async Task LeavingSilo_RefusesNewCallsWithUnavailable()
    {
        var db = await TestDatabase.CreateAsync();
        await using var a = await ClusterSilo.StartAsync(db.ConnectionString, "silo-a");
        Assert.True((await Attempt.VerifyAsync(a, "dora")).Served);

        await a.StopAsync();

        Assert.NotNull((await Attempt.VerifyAsync(a, "dora")).Unavailable);
        Assert.NotNull((await Attempt.VerifyAsync(a, "erin")).Unavailable);
        Assert.Equal(SiloStatus.Left, a.Membership.Status);
    }
}
