using AccountGrains.Api.Tests.Support;
using AccountGrains.Contracts.V1;
using AccountGrains.Storage;
using AccountGrains.Storage.Postgres;
using Npgsql;

namespace AccountGrains.Api.Tests.Watch;

/// <summary>WatchEvents on a three-silo cluster over PostgreSQL: events from the other silos, and a late commit never skipped.</summary>
public sealed class WatchEventsAcrossSilosTests(ThreeSilosOnPostgres cluster) : IClassFixture<ThreeSilosOnPostgres>
{
    [Fact]
    public async Task LocksThroughEachSilo_ReachSubscribersOnTheOtherTwo_ByTheWakeUp_InOneOrder()
    {
        var accounts = Enumerable.Range(0, 6).Select(i => ApiSilo.NewAccount("cross" + i)).ToArray();
        var filter = new EventFilter { AccountIds = { accounts } };
        using var onSecond = await Watch.OpenAsync(cluster.Client(1, "platform"), 0, filter);
        using var onThird = await Watch.OpenAsync(cluster.Client(2, "agent"), 0, filter);

        var second = new List<AccountEvent>();
        var third = new List<AccountEvent>();
        foreach (var (account, i) in accounts.Select((a, i) => (a, i)))
        {
            await cluster.Client(i % ThreeSilosOnPostgres.Count, "agent").LockAsync(account, LockReason.Impersonation);
            // Bounded below the one-minute poll of silos 1 and 2: only the NOTIFY wake-up delivers it in time.
            second.AddRange(await onSecond.ReadAsync(1, TimeSpan.FromSeconds(30)));
            third.AddRange(await onThird.ReadAsync(1, TimeSpan.FromSeconds(30)));
        }

        Assert.Equal(accounts, second.Select(e => e.AccountId));
        Assert.Equal(second.Select(e => e.Position), third.Select(e => e.Position));
        Assert.All(second, e => Assert.Contains("https://schemas.openid.net/secevent/risc/event-type/account-disabled", e.SecurityEventTypes));
    }

    [Fact]
    public async Task AnAppendCommittingLate_IsNotSkipped_ByALiveSubscriber()
    {
        var held = ApiSilo.NewAccount("held");
        var later = ApiSilo.NewAccount("later");
        await using var store = new PostgresStore(new PostgresStoreOptions { ConnectionString = cluster.ConnectionString });
        using var watch = await Watch.OpenAsync(cluster.Client(1, "admin"), 0, new EventFilter { AccountIds = { held, later } });
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The held append takes its position first and commits last; the Lock through silo 0 commits behind it.
        var heldAppend = store.AppendHoldingCommitAsync([HeldLock(held)], () =>
        {
            holding.SetResult();
            return release.Task;
        }).AsTask();
        await holding.Task;
        var lockLater = cluster.Client(0, "agent").LockAsync(later, LockReason.PolicyViolation);
        await WaitUntilAnAppendWaitsOnALockAsync();
        release.SetResult();
        var heldPosition = (await heldAppend)[0].LastPosition;
        await lockLater;
        var events = await watch.ReadAsync(2);

        Assert.Equal([held, later], events.Select(e => e.AccountId));
        Assert.Equal(heldPosition, events[0].Position);
        Assert.True(events[1].Position > events[0].Position);
    }

    private static AppendRequest HeldLock(string account)
    {
        var evt = new Domain.LockPlaced("lock-1", Domain.LockReason.PolicyViolation, null, "held open", FirstLock: true) { At = DateTimeOffset.UtcNow, Actor = "late-commit-test" };
        return new AppendRequest(account, 0, [new EventData(Domain.EventTypeNames.LockPlaced, evt.At, evt.Actor, null, Domain.AccountEventSerializer.SerializePayload(evt))]);
    }

    /// <summary>Polls pg_stat_activity until some session waits on a lock: the Lock's append queued behind the held one.</summary>
    private async Task WaitUntilAnAppendWaitsOnALockAsync()
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", connection);
        await Eventually.Async(async () => (long)(await command.ExecuteScalarAsync())!, n => n > 0, TimeSpan.FromSeconds(60));
    }
}
