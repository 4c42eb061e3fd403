using AccountGrains.Abstractions;
using AccountGrains.Domain;
using AccountGrains.Grains.Tests.Support;
using static AccountGrains.Grains.Tests.Support.Callers;

namespace AccountGrains.Grains.Tests.Accounts;

/// <summary>
/// Deadlines when no activation is there to keep them: the silo stops, another starts on the same store
/// and reminder table, and nothing calls the account. The Orleans reminder wakes it and the expiry is
/// written. Reminders run on real time, so deadlines here are seconds long and every wait is a bounded poll.
/// </summary>
public abstract class AccountGrainReminderTests
{
    // Generous: the two cores are shared with builds; the reminder ticks every 2 s once due.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static readonly Dictionary<string, string?> ShortRecovery = new(AccountCluster.FastReminders)
    {
        ["AccountGrains:Rules:RecoveryCodeLifetime"] = "00:00:08",
    };

    protected abstract Task<ITestStore> CreateStoreAsync();

    [Fact]
    public async Task TemporaryLock_AfterSiloRestart_ExpiresByTheReminder()
    {
        await using var store = await CreateStoreAsync();
        DateTimeOffset deadline;
        LockResult locked;
        await using (var first = await AccountCluster.StartAsync(store))
        {
            locked = await first.Account("alice").Lock(Agent, new LockRequest(Abstractions.LockReason.SuspiciousActivity, TimeSpan.FromSeconds(8)));
            deadline = locked.ExpiresAt!.Value;
            Assert.Single(await first.RemindersAsync("alice"));
        }

        Assert.True(DateTimeOffset.UtcNow < deadline, "the first silo stopped before the deadline");
        await using var second = await AccountCluster.StartAsync(store);
        var expired = await WaitForEventAsync(store, "alice", EventTypeNames.LockExpired);

        Assert.InRange(expired.At, deadline, deadline + TimeSpan.FromSeconds(20));
        Assert.Equal(Actor.System.Display, expired.Actor);
        Assert.Contains(locked.LockId, System.Text.Encoding.UTF8.GetString(expired.Data.Span), StringComparison.Ordinal);
        Assert.Empty(await Eventually.UntilAsync(() => second.RemindersAsync("alice"), r => r.Count == 0, Patience));
        Assert.Equal(Abstractions.VerifyDecision.Allow, (await second.Account("alice").Verify(Abstractions.VerifyAction.Login, null)).Decision);
    }

    [Fact]
    public async Task OpenRecoveryAttempt_AfterSiloRestart_ExpiresByTheReminder()
    {
        await using var store = await CreateStoreAsync();
        RecoveryStartResult started;
        await using (var first = await AccountCluster.StartAsync(store, ShortRecovery))
        {
            started = await first.Account("bob").StartRecovery(RecoveryFlow, new StartRecoveryRequest(Abstractions.RecoveryChannel.Email));
        }

        Assert.True(DateTimeOffset.UtcNow < started.ExpiresAt, "the first silo stopped before the deadline");
        await using var second = await AccountCluster.StartAsync(store, ShortRecovery);
        var expired = await WaitForEventAsync(store, "bob", EventTypeNames.RecoveryAttemptExpired);

        Assert.InRange(expired.At, started.ExpiresAt, started.ExpiresAt + TimeSpan.FromSeconds(20));
        Assert.Null((await second.Account("bob").GetAccount(RecoveryFlow)).Recovery.OpenAttemptId);
    }

    [Fact]
    public async Task ExpiryDueDuringAnOutage_IsAppendedAfterTheSiloIsBack()
    {
        await using var store = await CreateStoreAsync();
        DateTimeOffset deadline;
        await using (var first = await AccountCluster.StartAsync(store))
        {
            deadline = (await first.Account("carl").Lock(Agent, new LockRequest(Abstractions.LockReason.UserRequested, TimeSpan.FromSeconds(4)))).ExpiresAt!.Value;
        }

        Assert.True(DateTimeOffset.UtcNow < deadline, "the first silo stopped before the deadline");

        // The outage must span the due time and the reminder ticks after it: that is the scenario, not a guess.
        var back = deadline + TimeSpan.FromSeconds(5);
        await Task.Delay(back - DateTimeOffset.UtcNow is { Ticks: > 0 } wait ? wait : TimeSpan.Zero);
        Assert.Empty(await store.Events.ReadStreamAsync("carl", 1, 10));
        await using var second = await AccountCluster.StartAsync(store);
        var expired = await WaitForEventAsync(store, "carl", EventTypeNames.LockExpired);

        Assert.True(expired.At >= back, $"expired at {expired.At:O}, after the silo came back at {back:O}");
        Assert.Empty(await Eventually.UntilAsync(() => second.RemindersAsync("carl"), r => r.Count == 0, Patience));
    }

    [Fact]
    public async Task WriteAheadReminder_OfAFailedAppend_FiresWithNothingDue_AndRemovesItself()
    {
        await using var store = new ControlledStore(await CreateStoreAsync());
        await using var silo = await AccountCluster.StartAsync(store);
        var account = silo.Account("dina");
        await account.Verify(Abstractions.VerifyAction.Login, null);

        // Only the append fails: a whole outage would also fail the reload that a notification listener's (re)connect
        // asks of every live activation (decision 0016), and the Lock would then fail before its reminder.
        store.BeforeAppend = () => throw new Storage.StoreUnavailableException("the append's connection broke");
        await Assert.ThrowsAsync<AccountUnavailableException>(() =>
            account.Lock(Agent, new LockRequest(Abstractions.LockReason.UserRequested, TimeSpan.FromSeconds(2))).AsTask());
        store.BeforeAppend = null;
        Assert.Single(await silo.RemindersAsync("dina"));

        Assert.Empty(await Eventually.UntilAsync(() => silo.RemindersAsync("dina"), r => r.Count == 0, Patience));
        Assert.Empty(await store.Inner.ReadStreamAsync("dina", 0, 10));
    }

    private static async Task<Storage.EventData> WaitForEventAsync(ITestStore store, string accountId, string type)
    {
        var events = await Eventually.UntilAsync(
            () => store.Events.ReadStreamAsync(accountId, 0, 100).AsTask(),
            e => e.Any(x => x.Event.Type == type),
            Patience);
        return Assert.Single(events, e => e.Event.Type == type).Event;
    }
}

public sealed class AccountGrainRemindersOnSqliteTests : AccountGrainReminderTests
{
    protected override Task<ITestStore> CreateStoreAsync() => SqliteTestStore.CreateAsync();
}

public sealed class AccountGrainRemindersOnPostgresTests : AccountGrainReminderTests
{
    protected override Task<ITestStore> CreateStoreAsync() => PostgresTestStore.CreateAsync();
}
