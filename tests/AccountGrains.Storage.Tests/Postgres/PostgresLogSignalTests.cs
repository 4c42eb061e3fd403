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

    [Fact]
    public async Task ABatchOnAnotherStore_NamesEachAccountWithItsVersion_InChunksBelowNotifysLimit()
    {
        await using var writer = Store("feed_cross");
        await using var reader = Store("feed_cross");
        await writer.MigrateAsync();
        var heard = new RecordingObserver();
        using var subscription = reader.CommitFeed.Subscribe(heard);
        await Eventually(() => heard.Gaps > 0);

        // 64-character ids, 100 of them: one notification could not carry them all (8000 bytes).
        var accounts = Enumerable.Range(0, 100).Select(i => $"{i:D3}".PadRight(64, 'x')).ToArray();
        await writer.AppendBatchAsync([.. accounts.Select(a => Append(a, 0, "a", "b"))]);
        await writer.AppendBatchAsync([Append(accounts[0], 2, "c")]);

        await Eventually(() => accounts.All(a => heard.VersionOf(a) >= 2) && heard.VersionOf(accounts[0]) == 3);
        Assert.All(accounts.Skip(1), a => Assert.Equal(2, heard.VersionOf(a)));
        Assert.Equal(1, heard.Gaps);
    }

    [Fact]
    public async Task AConflictingAppend_AnnouncesTheVersionThatWasCommitted_NotTheOneAttempted()
    {
        await using var writer = Store("feed_conflict");
        await using var reader = Store("feed_conflict");
        await writer.MigrateAsync();
        var heard = new RecordingObserver();
        using var subscription = reader.CommitFeed.Subscribe(heard);
        await Eventually(() => heard.Gaps > 0);

        await writer.AppendBatchAsync([Append("kept", 0, "a")]);
        var refused = (await writer.AppendBatchAsync([Append("kept", 0, "b", "c", "d"), Append("other", 0, "x")]))[0];

        Assert.Equal(AppendStatus.Conflict, refused.Status);
        await Eventually(() => heard.VersionOf("other") == 1);
        Assert.Equal(1, heard.VersionOf("kept"));
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

    private sealed class RecordingObserver : IAccountCommitObserver
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _versions = new();
        private int _gaps;

        public int Gaps => Volatile.Read(ref _gaps);

        public long VersionOf(string accountId) => _versions.GetValueOrDefault(accountId);

        public void OnCommitted(string accountId, long version) => _versions.AddOrUpdate(accountId, version, (_, v) => Math.Max(v, version));

        public void OnGap() => Interlocked.Increment(ref _gaps);
    }
}
