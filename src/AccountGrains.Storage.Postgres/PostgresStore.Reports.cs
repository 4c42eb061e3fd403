using AccountGrains.Storage.Postgres.Internal;
using AccountGrains.Storage.Reports;
using Npgsql;
using NpgsqlTypes;

namespace AccountGrains.Storage.Postgres;

public sealed partial class PostgresStore : IReportStore
{
    /// <inheritdoc />
    public ValueTask<long> ReadReportCheckpointAsync(int partition, CancellationToken cancellationToken = default) =>
        RunAsync(async connection =>
        {
            await using var command = new NpgsqlCommand($"SELECT position FROM {_schema}.report_checkpoints WHERE partition = $1", connection)
            {
                Parameters = { new NpgsqlParameter<int> { TypedValue = partition } },
            };
            return await command.ExecuteScalarAsync(cancellationToken) is long position ? position : 0L;
        }, cancellationToken);

    /// <inheritdoc />
    /// <remarks>
    /// The checkpoint row is created if missing and then locked (<c>FOR UPDATE</c>) before it is compared, so two
    /// writers of one partition (an old activation still finishing, a rebuild) apply one after the other and the
    /// second finds the checkpoint moved.
    /// </remarks>
    public ValueTask<bool> ApplyReportChangesAsync(int partition, long expectedCheckpoint, long newCheckpoint, ReportChanges changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return RunAsync(async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            // The checkpoint row made sure of and locked in one round trip (BEGIN goes with it).
            await using (var read = new NpgsqlBatch(connection, transaction))
            {
                read.BatchCommands.Add(new NpgsqlBatchCommand($"INSERT INTO {_schema}.report_checkpoints (partition, position) VALUES ($1, 0) ON CONFLICT DO NOTHING")
                {
                    Parameters = { new NpgsqlParameter<int> { TypedValue = partition } },
                });
                read.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT position FROM {_schema}.report_checkpoints WHERE partition = $1 FOR UPDATE")
                {
                    Parameters = { new NpgsqlParameter<int> { TypedValue = partition } },
                });
                // Npgsql's reader starts on the first result with rows: the SELECT's (the INSERT returns none).
                await using var reader = await read.ExecuteReaderAsync(cancellationToken);
                await reader.ReadAsync(cancellationToken);
                if (reader.GetInt64(0) != expectedCheckpoint)
                {
                    return false;
                }
            }

            await using var batch = new NpgsqlBatch(connection, transaction);

            // The projection need not wait for its own WAL flush: a crash can lose only whole transactions, effect and
            // checkpoint together, which the consumer then applies again; appends keep their synchronous commit.
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL synchronous_commit = off"));
            AddCounts(batch, partition, changes.Counts);
            AddIntervals(batch, partition, changes);
            AddQueueChanges(batch, partition, changes.Queued);
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"UPDATE {_schema}.report_checkpoints SET position = $2 WHERE partition = $1")
            {
                Parameters = { new NpgsqlParameter<int> { TypedValue = partition }, new NpgsqlParameter<long> { TypedValue = newCheckpoint } },
            });
            await batch.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask ResetReportAsync(CancellationToken cancellationToken = default) =>
        RunAsync(async connection =>
        {
            await using var command = new NpgsqlCommand(
                $"TRUNCATE {_schema}.report_counts, {_schema}.report_open_intervals, {_schema}.report_samples, {_schema}.report_queue_items, {_schema}.report_checkpoints", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return true;
        }, cancellationToken).ToUnit();

    /// <inheritdoc />
    public ValueTask<ReportRows> ReadReportAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
        RunAsync(async connection =>
        {
            var counts = new List<ReportCount>();
            await using (var command = new NpgsqlCommand(
                $"SELECT day, metric, key, detail, sum(count)::bigint FROM {_schema}.report_counts WHERE day >= $1 AND day < $2 GROUP BY day, metric, key, detail ORDER BY day, metric, key, detail",
                connection))
            {
                command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = from });
                command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = to });
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    counts.Add(new ReportCount(reader.GetFieldValue<DateOnly>(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4)));
                }
            }

            var samples = new List<ReportSample>();
            await using (var command = new NpgsqlCommand(
                $"SELECT metric, label, outcome, day, micros FROM {_schema}.report_samples WHERE day >= $1 AND day < $2 ORDER BY metric, label, outcome, day, micros", connection))
            {
                command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = from });
                command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = to });
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    samples.Add(new ReportSample(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateOnly>(3), reader.GetInt64(4)));
                }
            }

            return new ReportRows(counts, samples);
        }, cancellationToken);

    private void AddCounts(NpgsqlBatch batch, int partition, IReadOnlyList<ReportCount> counts)
    {
        if (counts.Count == 0)
        {
            return;
        }

        // One set-based upsert for the whole run; rows repeated within the run are summed first (an upsert may not touch a row twice).
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
            INSERT INTO {_schema}.report_counts (partition, day, metric, key, detail, count)
            SELECT $1, day, metric, key, detail, sum(delta) FROM unnest($2::date[], $3::text[], $4::text[], $5::text[], $6::bigint[])
                AS c(day, metric, key, detail, delta)
            GROUP BY day, metric, key, detail
            ON CONFLICT (partition, day, metric, key, detail) DO UPDATE SET count = {_schema}.report_counts.count + EXCLUDED.count
            """)
        {
            Parameters =
            {
                new NpgsqlParameter<int> { TypedValue = partition },
                new NpgsqlParameter<DateOnly[]> { TypedValue = [.. counts.Select(c => c.Day)] },
                new NpgsqlParameter<string[]> { TypedValue = [.. counts.Select(c => c.Metric)] },
                new NpgsqlParameter<string[]> { TypedValue = [.. counts.Select(c => c.Key)] },
                new NpgsqlParameter<string[]> { TypedValue = [.. counts.Select(c => c.Detail)] },
                new NpgsqlParameter<long[]> { TypedValue = [.. counts.Select(c => c.Delta)] },
            },
        });
    }

    private void AddIntervals(NpgsqlBatch batch, int partition, ReportChanges changes)
    {
        // In event order: an interval opened and closed within one run must see its own start.
        foreach (var start in changes.Opened)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                $"INSERT INTO {_schema}.report_open_intervals (partition, metric, account_id, id, label, started_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING")
            {
                Parameters =
                {
                    new NpgsqlParameter<int> { TypedValue = partition },
                    new NpgsqlParameter<string> { TypedValue = start.Metric },
                    new NpgsqlParameter<string> { TypedValue = start.AccountId },
                    new NpgsqlParameter<string> { TypedValue = start.Id },
                    new NpgsqlParameter<string> { TypedValue = start.Label },
                    new NpgsqlParameter<DateTimeOffset> { TypedValue = start.At.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz },
                },
            });
        }

        foreach (var end in changes.Closed)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
                WITH closed AS (
                    DELETE FROM {_schema}.report_open_intervals WHERE partition = $1 AND metric = $2 AND account_id = $3 AND id = $4
                    RETURNING label, started_at
                )
                INSERT INTO {_schema}.report_samples (partition, metric, account_id, id, label, outcome, day, micros)
                SELECT $1, $2, $3, $4, label, $5, $6, (extract(epoch FROM ($7 - started_at)) * 1000000)::bigint FROM closed
                ON CONFLICT DO NOTHING
                """)
            {
                Parameters =
                {
                    new NpgsqlParameter<int> { TypedValue = partition },
                    new NpgsqlParameter<string> { TypedValue = end.Metric },
                    new NpgsqlParameter<string> { TypedValue = end.AccountId },
                    new NpgsqlParameter<string> { TypedValue = end.Id },
                    new NpgsqlParameter<string> { TypedValue = end.Outcome },
                    new NpgsqlParameter<DateOnly> { TypedValue = DateOnly.FromDateTime(end.At.UtcDateTime) },
                    new NpgsqlParameter<DateTimeOffset> { TypedValue = end.At.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz },
                },
            });
        }
    }
}
