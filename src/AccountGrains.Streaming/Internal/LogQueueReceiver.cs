using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace AccountGrains.Streaming.Internal;

/// <summary>
/// Reads one partition of the global log for Orleans' pulling agent: from where the durable consumers need it
/// (<see cref="IAccountEventStreamCheckpoints"/>), forwards by position. It keeps no state of its own beyond that
/// position: the log is the queue, so nothing is acknowledged or deleted.
/// </summary>
internal sealed class LogQueueReceiver(
    QueueId queue,
    PartitionLog log,
    PartitionStart start,
    IReadOnlyList<IAccountEventStreamCheckpoints> checkpoints,
    ILogger logger) : IQueueAdapterReceiver
{
    private readonly int _partition = PartitionQueueMapper.PartitionOf(queue);
    private readonly StreamId _stream = AccountEventStreams.StreamOf(PartitionQueueMapper.PartitionOf(queue));
    private long _readThrough;

    public async Task Initialize(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var from = long.MaxValue;
        foreach (var consumer in checkpoints)
        {
            from = Math.Min(from, await consumer.AppliedThroughAsync(_partition, cancel.Token));
        }

        _readThrough = from == long.MaxValue ? 0 : from;
        start.ReadAfter = _readThrough;
        StreamingLog.ReceiverStarted(logger, _partition, _readThrough);
    }

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        // A few pages per call keep the agent's turn short; it calls again at once while this returns events.
        var (events, scanned) = await log.ReadAsync(_readThrough, Math.Max(1, maxCount), maxPages: 4, cancellationToken);
        _readThrough = scanned;
        return events.ConvertAll(e => (IBatchContainer)new LogBatchContainer(_stream, LoggedEvent.From(e)));
    }

    [Obsolete("Use the overload which accepts a CancellationToken.")]
    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => Task.CompletedTask;

    // Nothing to acknowledge: delivered events stay in the log, which is the record.
    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task Shutdown(TimeSpan timeout) => Task.CompletedTask;
}
