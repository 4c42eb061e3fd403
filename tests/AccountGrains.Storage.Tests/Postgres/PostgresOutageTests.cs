using AccountGrains.Storage.Postgres;
using AccountGrains.Testing.Postgres;
using static AccountGrains.Storage.Tests.Contract.Events;

namespace AccountGrains.Storage.Tests.Postgres;

/// <summary>A stopped server is reported as <see cref="StoreUnavailableException"/>, and the store recovers after a restart.</summary>
/// <remarks>Uses a server of its own: stopping the shared one would fail other test classes.</remarks>
public sealed class PostgresOutageTests
{
    [Fact]
    public async Task Store_WhenServerStopsAndRestarts_ReportsUnavailableThenWorksAgain()
    {
        await using var server = await PostgresServer.StartNewAsync();
        var connectionString = await server.CreateDatabaseAsync("outage");
        await using var store = new PostgresStore(new PostgresStoreOptions { ConnectionString = connectionString, CommandTimeout = TimeSpan.FromSeconds(5) });
        await store.MigrateAsync();
        await store.AppendBatchAsync([Append("alice", 0, "before")]);

        await server.StopAsync();
        var append = await Record.ExceptionAsync(async () => await store.AppendBatchAsync([Append("alice", 1, "during")]));
        var read = await Record.ExceptionAsync(async () => await store.ReadLogAsync(0, 10));
        var snapshot = await Record.ExceptionAsync(async () => await store.LoadSnapshotAsync("alice"));
        await server.StartAsync();
        var after = await store.AppendBatchAsync([Append("alice", 1, "after")]);

        Assert.IsType<StoreUnavailableException>(append);
        Assert.IsType<StoreUnavailableException>(read);
        Assert.IsType<StoreUnavailableException>(snapshot);
        Assert.Equal(AppendStatus.Appended, after[0].Status);
        Assert.Equal(["before", "after"], (await store.ReadStreamAsync("alice", 0, 10)).Select(Text));
    }
}
