using System.Globalization;
using System.Text;
using AccountGrains.Storage.Schema;
using Npgsql;

namespace AccountGrains.Storage.Postgres.Internal;

/// <summary>
/// Applies the embedded <c>Schema/NNN_name.sql</c> scripts not yet recorded in the schema's
/// <c>schema_versions</c> table, in one transaction under an advisory lock, so silos starting together
/// migrate once and the others wait, then find nothing to do.
/// </summary>
internal static class PostgresMigrator
{
    private const string SchemaToken = "__schema__";

    public static async Task<bool> MigrateAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({LockKey(schema)})", cancellationToken);
        await ExecuteAsync(connection, $"CREATE SCHEMA IF NOT EXISTS {schema}", cancellationToken);
        await ExecuteAsync(connection, $"CREATE TABLE IF NOT EXISTS {schema}.schema_versions (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())", cancellationToken);

        var applied = new HashSet<int>();
        await using (var read = new NpgsqlCommand($"SELECT version FROM {schema}.schema_versions", connection))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        var changed = false;
        foreach (var script in SchemaScripts.Load(typeof(PostgresMigrator).Assembly))
        {
            if (applied.Contains(script.Version))
            {
                continue;
            }

            await ExecuteAsync(connection, script.Sql.Replace(SchemaToken, schema, StringComparison.Ordinal), cancellationToken);
            await using var record = new NpgsqlCommand($"INSERT INTO {schema}.schema_versions (version, name) VALUES ($1, $2)", connection)
            {
                Parameters = { new() { Value = script.Version }, new() { Value = script.Name } },
            };
            await record.ExecuteNonQueryAsync(cancellationToken);
            changed = true;
        }

        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>A stable 64-bit key per schema (FNV-1a), so different schemas migrate independently.</summary>
    private static string LockKey(string schema)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes("accountgrains.migrate:" + schema))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return unchecked((long)hash).ToString(CultureInfo.InvariantCulture);
    }
}
