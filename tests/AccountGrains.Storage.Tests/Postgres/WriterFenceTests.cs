using AccountGrains.Storage.Postgres;
using Npgsql;
using static AccountGrains.Storage.Tests.Contract.Events;

namespace AccountGrains.Storage.Tests.Postgres;

/// <summary>
/// Appends under a held fence commit only while the writer's lease row is live by the database's clock; otherwise the
/// whole batch fails as unavailable and nothing of it is written.
/// </summary>
public sealed class WriterFenceTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task WithALiveLease_TheAppendCommits()
    {
        await using var store = await StoreAsync("fence_live");
        await LeaseAsync("fence_live", "expires_at = now() + interval '1 minute'");
        store.Fence.Hold("c1", "127.0.0.1", 11111, 7);

        var appended = await store.AppendBatchAsync([Append("a", 0, "x"), Append("b", 0, "y")]);

        Assert.All(appended, r => Assert.Equal(AppendStatus.Appended, r.Status));
        Assert.Single(await store.ReadStreamAsync("a", 0, 10));
    }

    [Theory]
    [InlineData("expires_at = now() - interval '1 second'")]
    [InlineData("expires_at = now() + interval '1 minute', left_at = now()")]
    public async Task WithAnExpiredOrReleasedLease_NothingOfTheBatchIsWritten(string state)
    {
        var schema = "fence_dead_" + (state.Contains("left_at", StringComparison.Ordinal) ? "left" : "expired");
        await using var store = await StoreAsync(schema);
        await LeaseAsync(schema, state);
        await store.AppendBatchAsync([Append("before", 0, "x")]);
        store.Fence.Hold("c1", "127.0.0.1", 11111, 7);

        await Assert.ThrowsAsync<StoreUnavailableException>(async () => await store.AppendBatchAsync([Append("a", 0, "x"), Append("before", 1, "y")]));

        Assert.Empty(await store.ReadStreamAsync("a", 0, 10));
        Assert.Single(await store.ReadStreamAsync("before", 0, 10));
        Assert.Single(await store.ReadLogAsync(0, 10));
    }

    [Fact]
    public async Task AnotherSilosLiveLease_DoesNotCoverThisWriter()
    {
        await using var store = await StoreAsync("fence_other");
        await LeaseAsync("fence_other", "expires_at = now() + interval '1 minute'");
        store.Fence.Hold("c1", "127.0.0.1", 11111, 8);

        await Assert.ThrowsAsync<StoreUnavailableException>(async () => await store.AppendBatchAsync([Append("a", 0, "x")]));
        Assert.Empty(await store.ReadLogAsync(0, 10));
    }

    private async Task<PostgresStore> StoreAsync(string schema)
    {
        var store = new PostgresStore(new PostgresStoreOptions { ConnectionString = database.ConnectionString, Schema = schema });
        await store.MigrateAsync();
        return store;
    }

    /// <summary>One lease row for silo 127.0.0.1:11111 generation 7 of cluster c1, in the given state.</summary>
    private async Task LeaseAsync(string schema, string state)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"""
            INSERT INTO {schema}.silo_leases (cluster_id, address, port, generation, silo_name, acquired_at, renewed_at, expires_at)
            VALUES ('c1', '127.0.0.1', 11111, 7, 'silo', now(), now(), now());
            UPDATE {schema}.silo_leases SET {state};
            """,
            connection);
        await command.ExecuteNonQueryAsync();
    }
}
