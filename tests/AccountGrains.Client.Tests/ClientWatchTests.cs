using AccountGrains.Client.Tests.Support;
using Grpc.Core;

namespace AccountGrains.Client.Tests;

/// <summary>WatchEventsAsync: the caller's credentials on the stream, no default deadline, and resumption after UNAVAILABLE.</summary>
public sealed class ClientWatchTests : IAsyncLifetime
{
    private ScriptedServer _server = null!;

    public async Task InitializeAsync() => _server = await ScriptedServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task WatchEvents_BrokenByUnavailable_ResumesAfterTheLastPosition_MissingAndRepeatingNothing()
    {
        using var client = _server.Client(o => o.ApiKey = "watch-key");
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(1));

        var positions = await client.WatchEventsAsync(afterPosition: 0, cancellationToken: stop.Token).Take(10).Select(e => e.Position).ToListAsync(stop.Token);

        Assert.Equal([10L, 20, 30, 40, 50, 60, 70, 80, 90, 100], positions);
        Assert.Equal([0L, 30, 60, 90], _server.Script.WatchedFrom);
        Assert.All(_server.Script.Seen, seen => Assert.Equal("Bearer watch-key", seen.Authorization));
        Assert.All(_server.Script.Seen, seen => Assert.Equal(DateTime.MaxValue, seen.Deadline));
    }

    [Fact]
    public async Task WatchEvents_Refused_ThrowsTheStatus()
    {
        await using var refusing = await ScriptedServer.StartAsync(new Script { RefuseFirst = 1, RefuseWith = StatusCode.PermissionDenied });
        using var client = refusing.Client();

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await client.WatchEventsAsync().FirstAsync());

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
    }

    [Fact]
    public async Task WatchEvents_Cancelled_EndsWithOperationCanceled()
    {
        using var client = _server.Client();
        using var stop = new CancellationTokenSource();
        var seen = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in client.WatchEventsAsync(afterPosition: 0, cancellationToken: stop.Token))
            {
                if (++seen == 2)
                {
                    await stop.CancelAsync();
                }
            }
        });
        Assert.Equal(2, seen);
    }
}
