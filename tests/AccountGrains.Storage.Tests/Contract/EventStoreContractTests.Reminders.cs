using static AccountGrains.Storage.Tests.Contract.Events;

namespace AccountGrains.Storage.Tests.Contract;

public abstract partial class EventStoreContractTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Reminders_UpsertMoveAndDelete_AreReadBackPerGrainAndDueInOrder()
    {
        await using var store = await OpenFreshAsync();
        await store.Reminders.UpsertReminderAsync(new("account/alice", "expire", T0.AddMinutes(30)));
        await store.Reminders.UpsertReminderAsync(new("account/bob", "expire", T0.AddMinutes(10)));
        await store.Reminders.UpsertReminderAsync(new("account/alice", "review", T0.AddMinutes(20)));
        await store.Reminders.UpsertReminderAsync(new("account/carol", "expire", T0.AddHours(5)));

        await store.Reminders.UpsertReminderAsync(new("account/alice", "expire", T0.AddMinutes(5)));
        await store.Reminders.DeleteReminderAsync("account/bob", "expire");
        await store.Reminders.DeleteReminderAsync("account/nobody", "expire");

        var due = await store.Reminders.ReadDueRemindersAsync(T0.AddMinutes(20), 10);
        var firstOnly = await store.Reminders.ReadDueRemindersAsync(T0.AddHours(10), 1);
        var alice = await store.Reminders.ReadRemindersAsync("account/alice");

        Assert.Equal([new ReminderEntry("account/alice", "expire", T0.AddMinutes(5)), new ReminderEntry("account/alice", "review", T0.AddMinutes(20))], due);
        Assert.Equal([new ReminderEntry("account/alice", "expire", T0.AddMinutes(5))], firstOnly);
        Assert.Equal(["expire", "review"], alice.Select(r => r.Name));
        Assert.Empty(await store.Reminders.ReadRemindersAsync("account/bob"));
    }

    [Fact]
    public async Task Append_WithReminderChange_CommitsTheReminderWithTheEvents()
    {
        await using var store = await OpenFreshAsync();

        var set = await store.Events.AppendBatchAsync([Append("alice", 0, "locked") with { Reminder = new("account/alice", "expire", T0.AddHours(1)) }]);
        var moved = await store.Events.AppendBatchAsync([Append("alice", 1, "extended") with { Reminder = new("account/alice", "expire", T0.AddHours(2)) }]);
        var afterMove = await store.Reminders.ReadRemindersAsync("account/alice");
        var cleared = await store.Events.AppendBatchAsync([Append("alice", 2, "unlocked") with { Reminder = new("account/alice", "expire", null) }]);

        Assert.All(set.Concat(moved).Concat(cleared), r => Assert.Equal(AppendStatus.Appended, r.Status));
        Assert.Equal([new ReminderEntry("account/alice", "expire", T0.AddHours(2))], afterMove);
        Assert.Empty(await store.Reminders.ReadRemindersAsync("account/alice"));
    }

    [Fact]
    public async Task Append_WhenConflictingOrDuplicate_LeavesRemindersUntouched()
    {
        await using var store = await OpenFreshAsync();
        await store.Events.AppendBatchAsync([Append("alice", 0, "a") with { IdempotencyKey = "k", Reminder = new("account/alice", "expire", T0) }]);

        var results = await store.Events.AppendBatchAsync(
        [
            Append("alice", 0, "stale") with { Reminder = new("account/alice", "expire", null) },
            Append("alice", 1, "dup") with { IdempotencyKey = "k", Reminder = new("account/alice", "other", T0) },
        ]);

        Assert.Equal([AppendStatus.Conflict, AppendStatus.DuplicateIdempotencyKey], results.Select(r => r.Status));
        Assert.Equal([new ReminderEntry("account/alice", "expire", T0)], await store.Reminders.ReadRemindersAsync("account/alice"));
    }

    [Fact]
    public async Task Batch_ChangingOneReminderFromTwoAccounts_AppliesTheChangesInListOrder()
    {
        await using var store = await OpenFreshAsync();

        var results = await store.Events.AppendBatchAsync(
        [
            Append("alice", 0, "a") with { Reminder = new("sweeper/1", "sweep", T0.AddHours(1)) },
            Append("bob", 0, "b") with { Reminder = new("sweeper/1", "sweep", T0.AddHours(2)) },
        ]);

        Assert.All(results, r => Assert.Equal(AppendStatus.Appended, r.Status));
        Assert.Equal([new ReminderEntry("sweeper/1", "sweep", T0.AddHours(2))], await store.Reminders.ReadRemindersAsync("sweeper/1"));
    }

    [Fact]
    public async Task Snapshot_NewerReplaces_OlderIsIgnored()
    {
        await using var store = await OpenFreshAsync();
        var missing = await store.Events.LoadSnapshotAsync("alice");

        await store.Events.SaveSnapshotAsync(new Snapshot("alice", 5, new byte[] { 5 }));
        await store.Events.SaveSnapshotAsync(new Snapshot("alice", 9, new byte[] { 9, 9 }));
        await store.Events.SaveSnapshotAsync(new Snapshot("alice", 7, new byte[] { 7 }));
        var loaded = await store.Events.LoadSnapshotAsync("alice");

        Assert.Null(missing);
        Assert.NotNull(loaded);
        Assert.Equal(9, loaded.Version);
        Assert.Equal([9, 9], loaded.Data.ToArray());
        Assert.Null(await store.Events.LoadSnapshotAsync("bob"));
    }
}
