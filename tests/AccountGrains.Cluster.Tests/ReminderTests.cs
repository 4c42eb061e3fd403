using AccountGrains.Cluster.Tests.Support;
using AccountGrains.Domain;
using AccountGrains.Grains;
using AccountGrains.Testing;

namespace AccountGrains.Cluster.Tests;

/// <summary>
/// A temporary lock's expiry is a durable reminder; in a cluster it fires exactly once (one LockExpired event),
/// on whichever silo owns the account then. Grains and reminders run on a manual clock both silos share; the
/// leases run in real time on the database's clock.
/// </summary>
public sealed class ReminderTests
{
    private static readonly Actor Agent = new("integrity-key", ActorRole.Agent, "agent-7");

    [Fact]
    public async Task LockExpiry_WithTwoSilos_FiresExactlyOnce()
    {
        var db = await TestDatabase.CreateAsync();
        var time = new ManualTimeProvider();
        await using var a = await ClusterSilo.StartAsync(db.ConnectionString, "silo-a", grainTime: time);
        await using var b = await ClusterSilo.StartAsync(db.ConnectionString, "silo-b", grainTime: time);
        await a.Grains.GetAccount("ivan").ExecuteAsync(new LockAccount(Agent, LockReason.SuspiciousActivity, TimeSpan.FromMinutes(15)));

        // Both silos poll and arm the reminder; the owner's turn expires the lock, the other's claim is refused.
        // On the way the owner's idle activation is collected too, so both silos may race to claim it.
        time.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        var history = await Eventually.UntilAsync(
            () => a.History.ReadAsync("ivan", 0, 100).AsTask(),
            page => page.Events.Any(e => e.Type == EventTypeNames.LockExpired),
            between: () => time.Advance(TimeSpan.FromSeconds(1)));
        Assert.Contains(history.Events, e => e.Type == EventTypeNames.LockExpired);
        Assert.True(await ReminderGoneAsync(a, "ivan"), "the reminder was not removed");
        for (var i = 0; i < 3; i++)
        {
            time.Advance(TimeSpan.FromSeconds(10)); // more polls and retries: nothing may fire again
        }

        history = await a.History.ReadAsync("ivan", 0, 100);
        Assert.Single(history.Events, e => e.Type == EventTypeNames.LockExpired);

        // Whichever silo fired the reminder may hold the account now; there is no forwarding at this layer,
        // so ask the owner the directory names (either silo when none holds it).
        var owner = await db.DirectoryOwnerAsync("account/ivan") == "silo-b" ? b : a;
        Assert.Equal(VerifyDecision.Allow, (await owner.Grains.GetAccount("ivan").VerifyAsync(VerifyAction.Login, null)).Decision);
    }

    [Fact]
    public async Task LockExpiry_WhenTheOwnerCrashedBeforeItFellDue_FiresOnceOnTheOtherSiloAfterTheLease()
    {
        var db = await TestDatabase.CreateAsync();
        var time = new ManualTimeProvider();
        // A crashed process collects nothing: keep the halted silo's idle collection (which would release the row) out of the way.
        var noCollection = new Dictionary<string, string?> { ["AccountGrains:Runtime:CollectionAge"] = "1.00:00:00", ["AccountGrains:Runtime:CollectionQuantum"] = "01:00:00" };
        await using var a = await ClusterSilo.StartAsync(db.ConnectionString, "silo-a", grainTime: time, settings: noCollection);
        await using var b = await ClusterSilo.StartAsync(db.ConnectionString, "silo-b", grainTime: time);
        await a.Grains.GetAccount("judy").ExecuteAsync(new LockAccount(Agent, LockReason.SuspiciousActivity, TimeSpan.FromMinutes(15)));
        Assert.Equal("silo-a", await db.DirectoryOwnerAsync("account/judy"));

        await a.CrashAsync();
        Assert.True(await Eventually.TrueAsync(() => !a.Membership.IsServing), "the crashed silo never fenced itself");
        time.Advance(TimeSpan.FromMinutes(15));

        // Each poll arms the due reminder on silo-b; its claim is refused until silo-a's lease expired at the database.
        var history = await Eventually.UntilAsync(
            () => b.History.ReadAsync("judy", 0, 100).AsTask(),
            page => page.Events.Any(e => e.Type == EventTypeNames.LockExpired),
            between: () => time.Advance(TimeSpan.FromSeconds(1)));

        Assert.Contains(history.Events, e => e.Type == EventTypeNames.LockExpired);
        Assert.True(await db.HeartbeatAgeAsync("silo-a") > a.Options.LeaseDuration);
        Assert.True(await ReminderGoneAsync(b, "judy"), "the reminder was not removed");
        history = await b.History.ReadAsync("judy", 0, 100);
        Assert.Single(history.Events, e => e.Type == EventTypeNames.LockExpired);
        Assert.Equal("silo-b", await db.DirectoryOwnerAsync("account/judy"));
    }

    private static async Task<bool> ReminderGoneAsync(ClusterSilo silo, string accountId) =>
        (await Eventually.UntilAsync(() => silo.Reminders.ReadRemindersAsync($"account/{accountId}").AsTask(), r => r.Count == 0)).Count == 0;
}
