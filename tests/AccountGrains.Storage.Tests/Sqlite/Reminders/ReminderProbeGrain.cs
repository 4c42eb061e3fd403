using System.Collections.Concurrent;

namespace AccountGrains.Storage.Tests.Sqlite.Reminders;

/// <summary>A grain that only registers a reminder and reports its ticks, to drive Orleans' reminder service in a real silo.</summary>
public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task RegisterAsync(string reminderName, TimeSpan dueTime, TimeSpan period);

    Task UnregisterAsync(string reminderName);
}

/// <summary>Every tick any probe received, with the silo that delivered it; one instance shared by the silos of a test.</summary>
public sealed class ReminderTicks
{
    private readonly ConcurrentQueue<(SiloAddress Silo, string Grain, string Reminder)> _ticks = new();

    public void Record(SiloAddress silo, string grain, string reminder) => _ticks.Enqueue((silo, grain, reminder));

    public IReadOnlyList<(SiloAddress Silo, string Grain, string Reminder)> Snapshot() => [.. _ticks];
}

public sealed class ReminderProbeGrain(ReminderTicks ticks, ILocalSiloDetails silo) : Grain, IReminderProbeGrain, IRemindable
{
    public Task RegisterAsync(string reminderName, TimeSpan dueTime, TimeSpan period) =>
        this.RegisterOrUpdateReminder(reminderName, dueTime, period);

    public async Task UnregisterAsync(string reminderName)
    {
        var reminder = await this.GetReminder(reminderName) ?? throw new InvalidOperationException($"No reminder {reminderName}.");
        await this.UnregisterReminder(reminder);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        ticks.Record(silo.SiloAddress, this.GetPrimaryKeyString(), reminderName);
        return Task.CompletedTask;
    }
}
