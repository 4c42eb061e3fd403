using Npgsql;

namespace AccountGrains.Storage.Postgres;

public sealed partial class PostgresStore
{
    /// <inheritdoc />
    public async ValueTask UpsertReminderAsync(ReminderEntry reminder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        ArgumentException.ThrowIfNullOrEmpty(reminder.GrainId, nameof(reminder));
        ArgumentException.ThrowIfNullOrEmpty(reminder.Name, nameof(reminder));
        await ExecuteAsync(_sql.UpsertReminder, [Text(reminder.GrainId), Text(reminder.Name), new NpgsqlParameter<DateTime> { TypedValue = reminder.DueAt.UtcDateTime }], cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DeleteReminderAsync(string grainId, string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(grainId);
        ArgumentException.ThrowIfNullOrEmpty(name);
        await ExecuteAsync(_sql.DeleteReminder, [Text(grainId), Text(name)], cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ReminderEntry>> ReadDueRemindersAsync(DateTimeOffset dueBefore, int maxCount, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        return ReadRemindersAsync(_sql.ReadDueReminders, [new NpgsqlParameter<DateTime> { TypedValue = dueBefore.UtcDateTime }, new NpgsqlParameter<int> { TypedValue = maxCount }], cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ReminderEntry>> ReadRemindersAsync(string grainId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(grainId);
        return ReadRemindersAsync(_sql.ReadReminders, [Text(grainId)], cancellationToken);
    }

    private static NpgsqlParameter<string> Text(string value) => new() { TypedValue = value };

    private ValueTask<int> ExecuteAsync(string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken) =>
        RunAsync(async connection =>
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddRange(parameters);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    private ValueTask<IReadOnlyList<ReminderEntry>> ReadRemindersAsync(string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken) =>
        RunAsync(async connection =>
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddRange(parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var reminders = new List<ReminderEntry>();
            while (await reader.ReadAsync(cancellationToken))
            {
                reminders.Add(new ReminderEntry(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2)));
            }

            return (IReadOnlyList<ReminderEntry>)reminders;
        }, cancellationToken);
}
