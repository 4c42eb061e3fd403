namespace AccountGrains.Storage.Sqlite.Reminders;

/// <summary>The reminder table's statements (schema in <c>Schema/002_reminders.sql</c>); every one is scoped to the service.</summary>
internal static class SqliteReminderSql
{
    private const string Columns = "grain_id, reminder_name, start_at_ticks, period_ticks, etag";

    public const string ReadRow = $"SELECT {Columns} FROM orleans_reminders WHERE service_id = $s AND grain_id = $g AND reminder_name = $n";

    public const string ReadGrain = $"SELECT {Columns} FROM orleans_reminders WHERE service_id = $s AND grain_id = $g ORDER BY reminder_name";

    /// <summary>The ring range (begin, end] when begin &lt; end.</summary>
    public const string ReadRange = $"SELECT {Columns} FROM orleans_reminders WHERE service_id = $s AND grain_hash > $b AND grain_hash <= $e ORDER BY grain_hash";

    /// <summary>The ring range that wraps past 2^32-1: hashes above begin or at most end (the whole ring when begin == end).</summary>
    public const string ReadWrappedRange = $"SELECT {Columns} FROM orleans_reminders WHERE service_id = $s AND (grain_hash > $b OR grain_hash <= $e) ORDER BY grain_hash";

    public const string Upsert = """
        INSERT INTO orleans_reminders (service_id, grain_id, reminder_name, grain_hash, start_at_ticks, period_ticks, etag)
        VALUES ($s, $g, $n, $h, $start, $period, $etag)
        ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE SET
            grain_hash = excluded.grain_hash, start_at_ticks = excluded.start_at_ticks,
            period_ticks = excluded.period_ticks, etag = excluded.etag
        """;

    public const string Remove = "DELETE FROM orleans_reminders WHERE service_id = $s AND grain_id = $g AND reminder_name = $n AND etag = $etag";

    public const string Clear = "DELETE FROM orleans_reminders WHERE service_id = $s";
}
