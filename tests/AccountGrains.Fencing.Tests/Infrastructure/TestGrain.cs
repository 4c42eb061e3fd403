using System.Collections.Concurrent;

namespace AccountGrains.Fencing.Tests.Infrastructure;

/// <summary>A tiny grain for the cluster tests: where it runs, when it activated, and its reminder's ticks.</summary>
public interface ITestGrain : IGrainWithStringKey
{
    Task<string> WhereAsync();

    Task RemindAsync(TimeSpan dueTime);

    Task ForgetAsync();
}

/// <summary>What every test grain did, across the in-process silos (statics are shared by them).</summary>
public static class TestGrainRecords
{
    public static ConcurrentDictionary<string, DateTimeOffset> ActivatedAt { get; } = new();

    public static ConcurrentDictionary<string, DateTimeOffset> DeactivatedAt { get; } = new();

    public static ConcurrentDictionary<string, int> ReminderTicks { get; } = new();
}

public sealed class TestGrain(ILocalSiloDetails silo) : Grain, ITestGrain, IRemindable
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        TestGrainRecords.ActivatedAt[this.GetPrimaryKeyString()] = DateTimeOffset.UtcNow;
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        TestGrainRecords.DeactivatedAt[this.GetPrimaryKeyString()] = DateTimeOffset.UtcNow;
        return Task.CompletedTask;
    }

    public Task<string> WhereAsync() => Task.FromResult(silo.SiloAddress.ToString());

    public async Task RemindAsync(TimeSpan dueTime) => await this.RegisterOrUpdateReminder("tick", dueTime, TimeSpan.FromMinutes(1));

    public async Task ForgetAsync()
    {
        if (await this.GetReminder("tick") is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        TestGrainRecords.ReminderTicks.AddOrUpdate(this.GetPrimaryKeyString(), 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }
}
