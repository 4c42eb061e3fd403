namespace AccountGrains.Storage.Sqlite;

/// <summary>
/// Where <see cref="SqliteStore"/> keeps its file; Orleans' reminders (<see cref="SqliteReminderSiloBuilderExtensions.UseSqliteReminderTable"/>)
/// live in the same file. Checked by <see cref="Validate"/> when the store or the reminder table is built.
/// </summary>
public sealed class SqliteStoreOptions
{
    /// <summary>
    /// The database file's path. Required. Its folder is created if missing; SQLite adds <c>-wal</c> and
    /// <c>-shm</c> files beside it.
    /// </summary>
    public string Path { get; init; } = "";

    /// <summary>How long a command waits for the file's lock (another process writing) before it fails with <see cref="StoreUnavailableException"/>. Default 30 seconds.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Path))
        {
            throw new ArgumentException("SqliteStoreOptions.Path is required.", nameof(Path));
        }

        if (Path.EndsWith('/') || Path.EndsWith(System.IO.Path.DirectorySeparatorChar) || Directory.Exists(Path))
        {
            throw new ArgumentException("SqliteStoreOptions.Path names a folder; it must name the database file.", nameof(Path));
        }

        if (BusyTimeout < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(BusyTimeout), "SqliteStoreOptions.BusyTimeout must be at least one second.");
        }
    }
}
