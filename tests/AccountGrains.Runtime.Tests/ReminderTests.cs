using AccountGrains.Storage;
using AccountGrains.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AccountGrains.Runtime.Tests;

public sealed class ReminderTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Reminder_FiresAtItsDueTime_NotBefore()
    {
        var store = new InMemoryReminderStore();
        await store.UpsertReminderAsync(new ReminderEntry("reminded/alice", "lock-expiry", Start.AddSeconds(45)));
        await using var silo = await TestSilo.StartAsync(clock: new ManualTimeProvider(Start), reminders: store);

        silo.Clock.Advance(TimeSpan.FromSeconds(44));
        var firedEarly = silo.Probe.Fired.Count;
        silo.Clock.Advance(TimeSpan.FromSeconds(1));
        await silo.Probe.WaitForFiringAsync();

        Assert.Equal(0, firedEarly);
        Assert.Equal([("alice", "lock-expiry", Start.AddSeconds(45))], silo.Probe.Fired);
    }

    [Fact]
    public async Task Reminder_DueLaterThanTheLookAhead_IsPickedUpByALaterPollAndFiresOnTime()
    {
        var store = new InMemoryReminderStore();
        await store.UpsertReminderAsync(new ReminderEntry("reminded/bob", "r", Start.AddMinutes(10).AddSeconds(7)));
        await using var silo = await TestSilo.StartAsync(clock: new ManualTimeProvider(Start), reminders: store);

        silo.Clock.Advance(TimeSpan.FromMinutes(10).Add(TimeSpan.FromSeconds(6)));
        var firedEarly = silo.Probe.Fired.Count;
        silo.Clock.Advance(TimeSpan.FromSeconds(1));
        await silo.Probe.WaitForFiringAsync();

        Assert.Equal(0, firedEarly);
        Assert.Equal(Start.AddMinutes(10).AddSeconds(7), Assert.Single(silo.Probe.Fired).DueAt);
    }

    [Fact]
    public async Task Reminder_DueWhileNoSiloRan_FiresAfterARestartFromTheStore()
    {
        var store = new InMemoryReminderStore();
        var clock = new ManualTimeProvider(Start);
        var first = await TestSilo.StartAsync(clock: clock, reminders: store);
        await store.UpsertReminderAsync(new ReminderEntry("reminded/carol", "r", Start.AddMinutes(30)));
        await first.StopAsync();
        await first.DisposeAsync();

        clock.Advance(TimeSpan.FromHours(1));
        await using var second = await TestSilo.StartAsync(clock: clock, reminders: store);
        clock.Advance(TimeSpan.Zero);
        await second.Probe.WaitForFiringAsync();

        Assert.Equal(("carol", "r", Start.AddMinutes(30)), Assert.Single(second.Probe.Fired));
        Assert.Empty(await store.ReadRemindersAsync("reminded/carol"));
    }

    [Fact]
    public async Task Reminder_LeftDueByTheGrain_FiresAgainAfterTheRetryDelay_NotBefore()
    {
        var store = new InMemoryReminderStore();
        await store.UpsertReminderAsync(new ReminderEntry("reminded/dave", "r", Start.AddSeconds(10)));
        await using var silo = await TestSilo.StartAsync(clock: new ManualTimeProvider(Start), reminders: store, reminderOptions: o => o.RetryDelay = TimeSpan.FromSeconds(30));
        silo.Probe.DeleteFiredReminders = false;

        silo.Clock.Advance(TimeSpan.FromSeconds(10));
        await silo.Probe.WaitForFiringAsync();
        await silo.Reminders.WhenIdleAsync();
        silo.Clock.Advance(TimeSpan.FromSeconds(29));
        var firedBeforeRetry = silo.Probe.Fired.Count;
        silo.Clock.Advance(TimeSpan.FromSeconds(1));
        await silo.Probe.WaitForFiringAsync();

        Assert.Equal(1, firedBeforeRetry);
        Assert.Equal(2, silo.Probe.Fired.Count);
    }

    [Fact]
    public async Task Reminder_MovedByTheGrainBeforeItFires_FiresAtItsNewTime()
    {
        var store = new InMemoryReminderStore();
        await store.UpsertReminderAsync(new ReminderEntry("reminded/erin", "r", Start.AddSeconds(10)));
        await using var silo = await TestSilo.StartAsync(clock: new ManualTimeProvider(Start), reminders: store);

        await store.UpsertReminderAsync(new ReminderEntry("reminded/erin", "r", Start.AddSeconds(50)));
        silo.Clock.Advance(TimeSpan.FromSeconds(10));
        await silo.Reminders.WhenIdleAsync();
        var firedAtOldTime = silo.Probe.Fired.Count;
        silo.Clock.Advance(TimeSpan.FromSeconds(40));
        await silo.Probe.WaitForFiringAsync();

        Assert.Equal(0, firedAtOldTime);
        Assert.Equal(Start.AddSeconds(50), Assert.Single(silo.Probe.Fired).DueAt);
    }

    [Fact]
    public async Task Reminders_OfGrainsThisSiloDoesNotOwn_AreNotFired()
    {
        var store = new InMemoryReminderStore();
        await store.UpsertReminderAsync(new ReminderEntry("reminded/theirs", "r", Start.AddSeconds(5)));
        await store.UpsertReminderAsync(new ReminderEntry("reminded/mine", "r", Start.AddSeconds(10)));
        await using var silo = await TestSilo.StartAsync(
            clock: new ManualTimeProvider(Start),
            reminders: store,
            services: s => s.AddSingleton<IGrainOwnership>(new ActivationTests.OwnsOnly("mine")));

        silo.Clock.Advance(TimeSpan.FromSeconds(10));
        await silo.Probe.WaitForFiringAsync();
        await silo.Reminders.WhenIdleAsync();

        Assert.Equal("mine", Assert.Single(silo.Probe.Fired).Key);
        Assert.Single(await store.ReadRemindersAsync("reminded/theirs"));
    }
}
