using Orleans.Configuration;
using Orleans.Streams;

namespace AccountGrains.Streaming.Internal;

/// <summary>
/// Orleans' hash-ring mapper for the queues and their balancing across silos, with one change: the stream of
/// partition <c>k</c> maps to queue <c>k</c>, the queue whose receiver reads that partition of the log (the ring
/// would place a stream by its id's hash, which knows nothing of partitions).
/// </summary>
internal sealed class PartitionQueueMapper : IConsistentRingStreamQueueMapper
{
    private readonly HashRingBasedStreamQueueMapper _ring;
    private readonly QueueId[] _byPartition;

    public PartitionQueueMapper(int partitionCount, string providerName)
    {
        _ring = new HashRingBasedStreamQueueMapper(new HashRingStreamQueueMapperOptions { TotalQueueCount = partitionCount }, providerName);
        _byPartition = new QueueId[partitionCount];
        foreach (var queue in _ring.GetAllQueues())
        {
            _byPartition[queue.GetNumericId()] = queue;
        }
    }

    /// <summary>The partition a queue reads: its numeric id.</summary>
    public static int PartitionOf(QueueId queue) => (int)queue.GetNumericId();

    public IEnumerable<QueueId> GetAllQueues() => _ring.GetAllQueues();

    public IEnumerable<QueueId> GetQueuesForRange(IRingRange range) => _ring.GetQueuesForRange(range);

    public QueueId GetQueueForStream(StreamId streamId)
    {
        var partition = AccountEventStreams.PartitionOf(streamId);
        return partition >= 0 && partition < _byPartition.Length ? _byPartition[partition] : _ring.GetQueueForStream(streamId);
    }
}
