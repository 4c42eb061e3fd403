using System.Collections.Concurrent;
using AccountGrains.Storage;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace AccountGrains.Streaming.Internal;

/// <summary>
/// The read-only queue adapter over the log: one receiver per partition. Producing is appending through the
/// account grain, so no event exists only in a queue; <see cref="QueueMessageBatchAsync"/> refuses.
/// </summary>
internal sealed class LogQueueAdapter(
    string name,
    AccountEventStreamOptions options,
    IEventStore store,
    IReadOnlyList<IAccountEventStreamCheckpoints> checkpoints,
    ConcurrentDictionary<QueueId, PartitionStart> starts,
    ILoggerFactory loggerFactory) : IQueueAdapter
{
    // One per silo and provider: the receivers of all its partitions share its reads of the log.
    private readonly SharedLogReader _log = new(store, options.ReadPageSize, options.PollInterval);

    public string Name => name;

    public bool IsRewindable => true;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadOnly;

    public Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext) =>
        throw new NotSupportedException("The account event stream is read-only: events are produced by appending them through the account grain.");

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) =>
        new LogQueueReceiver(
            queueId,
            new PartitionLog(_log.ReadPageAsync, PartitionQueueMapper.PartitionOf(queueId), options.PartitionCount, options.ReadPageSize),
            starts.GetOrAdd(queueId, _ => new PartitionStart()),
            checkpoints,
            loggerFactory.CreateLogger<LogQueueReceiver>());
}
