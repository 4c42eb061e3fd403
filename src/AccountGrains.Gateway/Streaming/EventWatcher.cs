using AccountGrains.Storage;
using Grpc.Core;
using V1 = AccountGrains.Contracts.V1;

namespace AccountGrains.Gateway;

/// <summary>
/// One <c>WatchEvents</c> call: reads the log from the caller's position in pages, then follows the shared live tail;
/// when its buffer on the tail overflows (the caller reads slowly) it reads the store from its own position again and
/// rejoins. Every event is sent once, in position (commit) order, whatever mix of store reads and tail events delivers it.
/// </summary>
internal sealed class EventWatcher(IEventStore store, EventLogTail tail)
{
    public async Task RunAsync(V1.WatchEventsRequest request, IServerStreamWriter<V1.AccountEvent> stream, ServerCallContext context, CancellationToken cancellationToken)
    {
        if (request.AfterPosition < 0)
        {
            throw GatewayErrors.InvalidArgument("after_position may not be negative.");
        }

        var filter = WatchFilter.From(request.Filter);
        var options = tail.Options;
        var subscriber = new TailSubscriber(filter, options.SubscriberBuffer);

        // Headers at once: the caller learns the watch is accepted (and live) before the first event, which may be long.
        await context.WriteResponseHeadersAsync([]);

        // The position read up to (sent or filtered out): where the next store read starts and where the tail is joined.
        var cursor = request.AfterPosition;
        subscriber.Sent = cursor;
        tail.Watching(subscriber, true);
        try
        {
            while (true)
            {
                var page = await ReadAsync(cursor, options.PageSize, cancellationToken);
                foreach (var stored in page)
                {
                    if (filter.Matches(stored.AccountId, stored.Event.Type))
                    {
                        await stream.WriteAsync(WatchEventMapping.ToProto(stored), cancellationToken);
                    }

                    cursor = stored.Position;
                    subscriber.Sent = cursor;
                }

                if (page.Count > 0)
                {
                    tail.Seen(cursor);
                }

                if (page.Count == options.PageSize)
                {
                    continue;
                }

                var live = subscriber.Reset(cursor);
                if (!tail.TryJoin(subscriber, cursor))
                {
                    // The tail is ahead of what this read saw: read again, once something new may be there.
                    await WaitAsync(cursor, options, cancellationToken);
                    continue;
                }

                try
                {
                    await foreach (var evt in live.ReadAllAsync(cancellationToken))
                    {
                        await stream.WriteAsync(evt, cancellationToken);
                        cursor = evt.Position;
                        subscriber.Sent = cursor;
                    }
                }
                finally
                {
                    tail.Leave(subscriber);
                }

                // The buffer overflowed: what the tail dropped is in the store after the cursor.
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller went away or its deadline passed; grpc-dotnet reports that status itself.
        }
        finally
        {
            tail.Watching(subscriber, false);
        }
    }

    private async Task<IReadOnlyList<StoredEvent>> ReadAsync(long after, int pageSize, CancellationToken cancellationToken)
    {
        try
        {
            return await store.ReadLogAsync(after, pageSize, cancellationToken);
        }
        catch (StoreUnavailableException)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "The event log cannot be read now; resume from the last position received."));
        }
    }

    private Task WaitAsync(long cursor, GatewayWatchOptions options, CancellationToken cancellationToken) =>
        tail.Signal is { } signal
            ? signal.WaitForAppendAsync(cursor, options.PollInterval, cancellationToken)
            : Task.Delay(options.PollInterval, cancellationToken);
}
