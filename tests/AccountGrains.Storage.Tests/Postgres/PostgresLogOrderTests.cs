using AccountGrains.Storage.Postgres;
using Npgsql;
using static AccountGrains.Storage.Tests.Contract.Events;

namespace AccountGrains.Storage.Tests.Postgres;

/// <summary>Global positions follow commit order even when a transaction commits late.</summary>
public sealed class PostgresLogOrderTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task ReadLog_WhileAnEarlierAppendIsStillOpen_SeesNeitherIt_NorALaterOne()
    {
        await using var store = new PostgresStore(new PostgresStoreOptions { ConnectionString = database.ConnectionString, Schema = "late_commit" });
        await store.MigrateAsync();
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var early = store.AppendHoldingCommitAsync([Append("early", 0, "e")], () =>
        {
            holding.SetResult();
            return release.Task;
        }).AsTask();
        await holding.Task;
        var late = store.AppendBatchAsync([Append("late", 0, "l")]).AsTask();
        await WaitUntilAnAppendWaitsOnALockAsync();
        var seenWhileOpen = await store.ReadLogAsync(0, 10);
        var lateFinishedWhileOpen = late.IsCompleted;
        release.SetResult();
        var earlyResult = (await early)[0];
        var lateResult = (await late)[0];
        var seenAfter = await store.ReadLogAsync(0, 10);

        Assert.Empty(seenWhileOpen);
        Assert.False(lateFinishedWhileOpen);
        Assert.True(earlyResult.LastPosition < lateResult.LastPosition);
        Assert.Equal(["early", "late"], seenAfter.Select(e => e.AccountId));
    }

    /// <summary>Polls pg_stat_activity until some session of this database waits on a lock (bounded, not timed).</summary>
    private async Task WaitUntilAnAppendWaitsOnALockAsync()
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", connection);
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if ((long)(await command.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            await Task.Delay(50);
        }

        Assert.Fail("The later append never waited on the log head's lock.");
    }
}
