using AccountGrains.Api.Tests.Support;
using AccountGrains.Contracts.V1;

namespace AccountGrains.Api.Tests.Watch;

/// <summary>A raw <c>WatchEvents</c> call from grpc-dotnet's generated client, read a few events at a time.</summary>
internal sealed class Watch : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly CancellationTokenSource _cancel = new();
    private readonly AsyncServerStreamingCall<AccountEvent> _call;

    private Watch(AsyncServerStreamingCall<AccountEvent> call) => _call = call;

    /// <summary>Opens the stream and waits for its headers: the server has accepted it.</summary>
    public static async Task<Watch> OpenAsync(ApiClient client, long afterPosition, EventFilter? filter = null)
    {
        var cancel = new CancellationTokenSource();
        var call = client.Raw.WatchEvents(new WatchEventsRequest { AfterPosition = afterPosition, Filter = filter }, new CallOptions(client.Headers, cancellationToken: cancel.Token));
        var watch = new Watch(call);
        cancel.Dispose();
        await call.ResponseHeadersAsync.WaitAsync(Bound);
        return watch;
    }

    /// <summary>Reads exactly <paramref name="count"/> events (bounded, so a missing event fails instead of hanging).</summary>
    public async Task<List<AccountEvent>> ReadAsync(int count, TimeSpan? within = null)
    {
        var events = new List<AccountEvent>(count);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(_cancel.Token);
        bound.CancelAfter(within ?? Bound);
        while (events.Count < count)
        {
            Assert.True(await _call.ResponseStream.MoveNext(bound.Token), "The stream ended.");
            events.Add(_call.ResponseStream.Current);
        }

        return events;
    }

    /// <summary>Disconnects, as a client that goes away mid-stream.</summary>
    public void Dispose()
    {
        _cancel.Cancel();
        _call.Dispose();
        _cancel.Dispose();
    }
}
