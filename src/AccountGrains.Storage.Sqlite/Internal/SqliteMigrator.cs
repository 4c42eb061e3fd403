using AccountGrains.Storage.Schema;
using Microsoft.Data.Sqlite;

namespace AccountGrains.Storage.Sqlite.Internal;

/// <summary>
/// Applies the embedded <c>Schema/NNN_name.sql</c> scripts not yet in <c>schema_versions</c>, in one
/// immediate transaction: the file's write lock makes a second process wait, then find nothing to do.
/// </summary>
internal static class SqliteMigrator
{
    public static bool Migrate(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        Execute(connection, "CREATE TABLE IF NOT EXISTS schema_versions (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");

        var applied = new HashSet<long>();
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT version FROM schema_versions";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                applied.Add(reader.GetInt64(0));
            }
        }

        var changed = false;
        foreach (var script in SchemaScripts.Load(typeof(SqliteMigrator).Assembly))
        {
            if (applied.Contains(script.Version))
            {
                continue;
            }

            Execute(connection, script.Sql);
            using var record = connection.CreateCommand();
            record.CommandText = "INSERT INTO schema_versions (version, name, applied_at) VALUES ($version, $name, $at)";
            record.Parameters.AddWithValue("$version", script.Version);
            record.Parameters.AddWithValue("$name", script.Name);
            record.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            record.ExecuteNonQuery();
            changed = true;
        }

        transaction.Commit();
        return changed;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
