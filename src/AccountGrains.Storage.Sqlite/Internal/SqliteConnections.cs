using Microsoft.Data.Sqlite;

namespace AccountGrains.Storage.Sqlite.Internal;

/// <summary>
/// How every part of this assembly opens the database file, so the event store and the reminder table
/// share one file with the same durability: WAL (readers never wait for the writer) and
/// <c>synchronous=FULL</c> on every connection that writes (an acknowledged write survives a power cut).
/// </summary>
internal static class SqliteConnections
{
    /// <summary>Validates the options, creates the file's folder and returns the pooled connection string.</summary>
    public static string ConnectionString(SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var path = Path.GetFullPath(options.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ConnectionString;
    }

    /// <summary>Opens a connection for writing: WAL for the file (persistent), FULL sync for this connection.</summary>
    public static SqliteConnection OpenWriter(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            using var pragmas = connection.CreateCommand();
            pragmas.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;";
            pragmas.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
