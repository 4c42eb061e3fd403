using System.Globalization;
using AccountGrains.Storage.Reports;
using AccountGrains.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace AccountGrains.Storage.Sqlite;

public sealed partial class SqliteStore : IReportStore
{
    private const string DayFormat = "yyyy-MM-dd";

    /// <inheritdoc />
    public ValueTask<long> ReadReportCheckpointAsync(int partition, CancellationToken cancellationToken = default) =>
        ReadAsync(async connection =>
        {
            await using var command = new SqliteCommand("SELECT position FROM report_checkpoints WHERE partition = $p", connection);
            command.Parameters.AddWithValue("$p", partition);
            return await command.ExecuteScalarAsync(cancellationToken) is long position ? position : 0L;
        }, cancellationToken);

    /// <inheritdoc />
    /// <remarks>Runs as the single writer, so the checkpoint check and the changes cannot interleave with another writer's.</remarks>
    public ValueTask<bool> ApplyReportChangesAsync(int partition, long expectedCheckpoint, long newCheckpoint, ReportChanges changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return WriteAsync(connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            using (var read = new SqliteCommand("SELECT position FROM report_checkpoints WHERE partition = $p", connection, transaction))
            {
                read.Parameters.AddWithValue("$p", partition);
                if ((read.ExecuteScalar() is long current ? current : 0L) != expectedCheckpoint)
                {
                    return false;
                }
            }

            ApplyCounts(connection, transaction, partition, changes.Counts);
            ApplyIntervals(connection, transaction, partition, changes);
            ApplyQueueChanges(connection, transaction, partition, changes.Queued);
            using (var save = new SqliteCommand(
                "INSERT INTO report_checkpoints (partition, position) VALUES ($p, $pos) ON CONFLICT (partition) DO UPDATE SET position = excluded.position",
                connection, transaction))
            {
                save.Parameters.AddWithValue("$p", partition);
                save.Parameters.AddWithValue("$pos", newCheckpoint);
                save.ExecuteNonQuery();
            }

            transaction.Commit();
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask ResetReportAsync(CancellationToken cancellationToken = default) =>
        WriteAsync(connection =>
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            foreach (var table in (string[])["report_counts", "report_open_intervals", "report_samples", "report_queue_items", "report_checkpoints"])
            {
                using var delete = new SqliteCommand($"DELETE FROM {table}", connection, transaction);
                delete.ExecuteNonQuery();
            }

            transaction.Commit();
            return 0;
        }, cancellationToken).ToUnit();

    /// <inheritdoc />
    public ValueTask<ReportRows> ReadReportAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default) =>
        ReadAsync(async connection =>
        {
            var fromText = from.ToString(DayFormat, CultureInfo.InvariantCulture);
            var toText = to.ToString(DayFormat, CultureInfo.InvariantCulture);
            var counts = new List<ReportCount>();
            await using (var command = new SqliteCommand(
                "SELECT day, metric, key, detail, sum(count) FROM report_counts WHERE day >= $from AND day < $to GROUP BY day, metric, key, detail ORDER BY day, metric, key, detail",
                connection))
            {
                command.Parameters.AddWithValue("$from", fromText);
                command.Parameters.AddWithValue("$to", toText);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    counts.Add(new ReportCount(ParseDay(reader.GetString(0)), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4)));
                }
            }

            var samples = new List<ReportSample>();
            await using (var command = new SqliteCommand("SELECT metric, label, outcome, day, micros FROM report_samples WHERE day >= $from AND day < $to ORDER BY metric, label, outcome, day, micros", connection))
            {
                command.Parameters.AddWithValue("$from", fromText);
                command.Parameters.AddWithValue("$to", toText);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    samples.Add(new ReportSample(reader.GetString(0), reader.GetString(1), reader.GetString(2), ParseDay(reader.GetString(3)), reader.GetInt64(4)));
                }
            }

            return new ReportRows(counts, samples);
        }, cancellationToken);

    private static void ApplyCounts(SqliteConnection connection, SqliteTransaction transaction, int partition, IReadOnlyList<ReportCount> counts)
    {
        if (counts.Count == 0)
        {
            return;
        }

        using var upsert = new SqliteCommand(
            "INSERT INTO report_counts (partition, day, metric, key, detail, count) VALUES ($p, $day, $metric, $key, $detail, $delta) " +
            "ON CONFLICT (partition, day, metric, key, detail) DO UPDATE SET count = count + excluded.count",
            connection, transaction);
        var p = upsert.Parameters.Add("$p", SqliteType.Integer);
        var day = upsert.Parameters.Add("$day", SqliteType.Text);
        var metric = upsert.Parameters.Add("$metric", SqliteType.Text);
        var key = upsert.Parameters.Add("$key", SqliteType.Text);
        var detail = upsert.Parameters.Add("$detail", SqliteType.Text);
        var delta = upsert.Parameters.Add("$delta", SqliteType.Integer);
        foreach (var count in counts)
        {
            p.Value = partition;
            day.Value = count.Day.ToString(DayFormat, CultureInfo.InvariantCulture);
            metric.Value = count.Metric;
            key.Value = count.Key;
            detail.Value = count.Detail;
            delta.Value = count.Delta;
            upsert.ExecuteNonQuery();
        }
    }

    private static void ApplyIntervals(SqliteConnection connection, SqliteTransaction transaction, int partition, ReportChanges changes)
    {
        foreach (var start in changes.Opened)
        {
            using var open = new SqliteCommand(
                "INSERT INTO report_open_intervals (partition, metric, account_id, id, label, started_us) VALUES ($p, $m, $a, $id, $label, $at) ON CONFLICT DO NOTHING",
                connection, transaction);
            open.Parameters.AddWithValue("$p", partition);
            open.Parameters.AddWithValue("$m", start.Metric);
            open.Parameters.AddWithValue("$a", start.AccountId);
            open.Parameters.AddWithValue("$id", start.Id);
            open.Parameters.AddWithValue("$label", start.Label);
            open.Parameters.AddWithValue("$at", SqliteValues.ToMicroseconds(start.At));
            open.ExecuteNonQuery();
        }

        foreach (var end in changes.Closed)
        {
            // The sample moves out of the open table in one statement pair: an end without a start closes nothing.
            using var close = new SqliteCommand(
                "INSERT INTO report_samples (partition, metric, account_id, id, label, outcome, day, micros) " +
                "SELECT partition, metric, account_id, id, label, $outcome, $day, $at - started_us FROM report_open_intervals WHERE partition = $p AND metric = $m AND account_id = $a AND id = $id " +
                "ON CONFLICT DO NOTHING; " +
                "DELETE FROM report_open_intervals WHERE partition = $p AND metric = $m AND account_id = $a AND id = $id",
                connection, transaction);
            close.Parameters.AddWithValue("$p", partition);
            close.Parameters.AddWithValue("$m", end.Metric);
            close.Parameters.AddWithValue("$a", end.AccountId);
            close.Parameters.AddWithValue("$id", end.Id);
            close.Parameters.AddWithValue("$outcome", end.Outcome);
            close.Parameters.AddWithValue("$day", DateOnly.FromDateTime(end.At.UtcDateTime).ToString(DayFormat, CultureInfo.InvariantCulture));
            close.Parameters.AddWithValue("$at", SqliteValues.ToMicroseconds(end.At));
            close.ExecuteNonQuery();
        }
    }

    private static DateOnly ParseDay(string text) => DateOnly.ParseExact(text, DayFormat, CultureInfo.InvariantCulture);
}
