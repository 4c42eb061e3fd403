using AccountGrains.Storage;

namespace AccountGrains.Runtime.Tests;

/// <summary>A reminder store in memory: it outlives the runtimes built over it, as a database would.</summary>
internal sealed class InMemoryReminderStore : IReminderStore
{
    private readonly Dictionary<(string GrainId, string Name), ReminderEntry> _entries = [];

    public ValueTask UpsertReminderAsync(ReminderEntry reminder, CancellationToken cancellationToken = default)
    {
        lock (_entries)
        {
            _entries[(reminder.GrainId, reminder.Name)] = reminder;
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask DeleteReminderAsync(string grainId, string name, CancellationToken cancellationToken = default)
    {
        lock (_entries)
        {
            _entries.Remove((grainId, name));
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<ReminderEntry>> ReadDueRemindersAsync(DateTimeOffset dueBefore, int maxCount, CancellationToken cancellationToken = default)
    {
        lock (_entries)
        {
            return ValueTask.FromResult<IReadOnlyList<ReminderEntry>>([.. _entries.Values.Where(e => e.DueAt <= dueBefore).OrderBy(e => e.DueAt).Take(maxCount)]);
        }
    }

    public ValueTask<IReadOnlyList<ReminderEntry>> ReadRemindersAsync(string grainId, CancellationToken cancellationToken = default)
    {
        lock (_entries)
        {
            return ValueTask.FromResult<IReadOnlyList<ReminderEntry>>([.. _entries.Values.Where(e => e.GrainId == grainId)]);
        }
    }
}
