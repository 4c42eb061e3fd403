using Microsoft.Data.Sqlite;

namespace AccountGrains.Storage.Sqlite.Internal;

/// <summary>Statements shared by more than one operation, and a helper to bind and run one.</summary>
internal static class SqliteStoreSql
{
    public const string EventColumns = "account_id, seq, position, type, at_us, actor, reason, data, hash";

    /// <summary>Rebinds the parameters and runs the command, returning the first column of the first row (or null).</summary>
    public static object? Run(this SqliteCommand command, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        command.Parameters.Clear();
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var result = command.ExecuteScalar();
        return result is DBNull ? null : result;
    }

    public static StoredEvent ReadEvent(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetInt64(1),
        reader.GetInt64(2),
        new EventData(
            reader.GetString(3),
            SqliteValues.FromMicroseconds(reader.GetInt64(4)),
            reader.GetString(5),
            reader.IsDBNull(6) ? null : reader.GetString(6),
            (byte[])reader.GetValue(7)),
        reader.IsDBNull(8) ? default : (byte[])reader.GetValue(8));
}
