using AccountGrains.Storage.Sqlite.Internal;

namespace AccountGrains.Storage.Sqlite;

public sealed partial class SqliteStore
{
    /// <inheritdoc />
    public async ValueTask UpsertReminderAsync(ReminderEntry reminder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        ArgumentException.ThrowIfNullOrEmpty(reminder.GrainId, nameof(reminder));
        ArgumentException.ThrowIfNullOrEmpty(reminder.Name, nameof(reminder));
        await WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = SqliteStoreSql.UpsertReminder;
            return command.Run(("$g", reminder.GrainId), ("$n", reminder.Name), ("$due", SqliteValues.ToMicroseconds(reminder.DueAt)));
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DeleteReminderAsync(string grainId, string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(grainId);
        ArgumentException.ThrowIfNullOrEmpty(name);
        await WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = SqliteStoreSql.DeleteReminder;
            return command.Run(("$g", grainId), ("$n", name));
        }, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ReminderEntry>> ReadDueRemindersAsync(DateTimeOffset dueBefore, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        return ReadRemindersAsync(
            "SELECT grain_id, name, due_at_us FROM reminders WHERE due_at_us <= $due ORDER BY due_at_us, grain_id, name LIMIT $max",
            [("$due", SqliteValues.ToMicroseconds(dueBefore)), ("$max", maxCount)],
            cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ReminderEntry>> ReadRemindersAsync(string grainId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(grainId);
        return ReadRemindersAsync("SELECT grain_id, name, due_at_us FROM reminders WHERE grain_id = $g ORDER BY name", [("$g", grainId)], cancellationToken);
    }

    private ValueTask<IReadOnlyList<ReminderEntry>> ReadRemindersAsync(string sql, (string, object)[] parameters, CancellationToken cancellationToken) =>
        ReadAsync(async connection =>
        {
            await using var reader = await QueryAsync(connection, sql, parameters, cancellationToken);
            var reminders = new List<ReminderEntry>();
            while (await reader.ReadAsync(cancellationToken))
            {
                reminders.Add(new ReminderEntry(reader.GetString(0), reader.GetString(1), SqliteValues.FromMicroseconds(reader.GetInt64(2))));
            }

            return (IReadOnlyList<ReminderEntry>)reminders;
        }, cancellationToken);
}
