using AccountGrains.Storage.Sqlite;
using static AccountGrains.Storage.Tests.Contract.Events;

namespace AccountGrains.Storage.Tests.Sqlite;

public sealed class SqliteStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "accountgrains-sqlite-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Store_InAMissingFolder_CreatesItAndKeepsEventsAcrossReopen()
    {
        var path = Path.Combine(_folder, "nested", "deeper", "events.db");
        await using (var store = new SqliteStore(new SqliteStoreOptions { Path = path }))
        {
            await store.MigrateAsync();
            await store.AppendBatchAsync([Append("alice", 0, "a", "b")]);
        }

        await using var reopened = new SqliteStore(new SqliteStoreOptions { Path = path });
        await reopened.MigrateAsync();
        var events = await reopened.ReadStreamAsync("alice", 0, 10);

        Assert.True(File.Exists(path));
        Assert.Equal(["a", "b"], events.Select(Text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Validate_WithoutPath_Throws(string path)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new SqliteStoreOptions { Path = path }.Validate());

        Assert.Equal("Path", error.ParamName);
    }

    [Fact]
    public void Validate_WithAFolderForPath_Throws()
    {
        Directory.CreateDirectory(_folder);

        var error = Assert.ThrowsAny<ArgumentException>(() => new SqliteStoreOptions { Path = _folder }.Validate());

        Assert.Equal("Path", error.ParamName);
    }

    [Fact]
    public async Task Store_AfterDispose_RefusesCalls()
    {
        var store = new SqliteStore(new SqliteStoreOptions { Path = Path.Combine(_folder, "events.db") });
        await store.MigrateAsync();
        await store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.AppendBatchAsync([Append("alice", 0, "a")]));
    }

    [Fact]
    public async Task Append_AfterCommit_WakesALogReader_WithItsPosition()
    {
        await using var store = new SqliteStore(new SqliteStoreOptions { Path = Path.Combine(_folder, "signal.db") });
        await store.MigrateAsync();
        var waiting = store.LogSignal.WaitForAppendAsync(0, TimeSpan.FromSeconds(30), CancellationToken.None);

        var appended = (await store.AppendBatchAsync([Append("alice", 0, "a", "b")]))[0];

        Assert.True(await waiting);
        Assert.Equal(appended.LastPosition, store.LogSignal.LastAnnouncedPosition);
        var read = await store.ReadLogAsync(0, 10);
        Assert.Equal(appended.LastPosition, read[^1].Position);
    }
}
