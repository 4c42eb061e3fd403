using AccountGrains.Storage.Postgres;
using static AccountGrains.Storage.Tests.Contract.Events;

namespace AccountGrains.Storage.Tests.Postgres;

/// <summary>The log wake-up on PostgreSQL: NOTIFY in the append's transaction, one LISTEN per store (per silo).</summary>
public sealed class PostgresLogSignalTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AnAppendOnAnotherStore_WakesAWaiter_WithItsPosition()
    {
        await using var writer = Store("signal_cross");
        await using var reader = Store("signal_cross");
        await writer.MigrateAsync();
        await ListeningAsync(reader);

        var waiting = reader.LogSignal.WaitForAppendAsync(reader.LogSignal.LastAnnouncedPosition, Generous, CancellationToken.None);
        var appended = (await writer.AppendBatchAsync([Append("cross", 0, "a")]))[0];

        Assert.True(await waiting);
        await Eventually(() => reader.LogSignal.LastAnnouncedPosition >= appended.LastPosition);
    }

    [Fact]
    public async Task AnAppendHeldOpen_WakesNobody_UntilItCommits()
    {
        await using var writer = Store("signal_held");
        await using var reader = Store("signal_held");
        await writer.MigrateAsync();
        await ListeningAsync(reader);
        var before = reader.LogSignal.LastAnnouncedPosition;
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var held = writer.AppendHoldingCommitAsync([Append("held", 0, "h")], () =>
        {
            holding.SetResult();
            return release.Task;
        }).AsTask();
        await holding.Task;
        var wokenWhileOpen = await reader.LogSignal.WaitForAppendAsync(before, TimeSpan.FromMilliseconds(300), CancellationToken.None);
        release.SetResult();
        var position = (await held)[0].LastPosition;

        Assert.False(wokenWhileOpen);
        await Eventually(() => reader.LogSignal.LastAnnouncedPosition >= position);
    }

    [Fact]
    public async Task OwnAppend_IsAnnouncedAtOnce()
    {
        await using var store = Store("signal_own");
        await store.MigrateAsync();

        var appended = (await store.AppendBatchAsync([Append("own", 0, "o")]))[0];

        Assert.Equal(appended.LastPosition, store.LogSignal.LastAnnouncedPosition);
        Assert.True(await store.LogSignal.WaitForAppendAsync(appended.LastPosition - 1, TimeSpan.Zero, CancellationToken.None));
    }

    private PostgresStore Store(string schema) => new(new PostgresStoreOptions { ConnectionString = database.ConnectionString, Schema = schema });

    /// <summary>Starts the reader's LISTEN and waits until it is in place (its first pulse).</summary>
    private static async Task ListeningAsync(PostgresStore reader)
    {
        var listener = (Storage.Postgres.Internal.PostgresLogListener)reader.LogSignal;
        _ = reader.LogSignal.WaitForAppendAsync(long.MaxValue, TimeSpan.Zero, CancellationToken.None);
        await Eventually(() => listener.Connects > 0);
    }

    private static async Task Eventually(Func<bool> condition)
    {
        for (var i = 0; i < 600 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition());
    }
}
