namespace AccountGrains.Storage;

/// <summary>How a <see cref="GroupCommitWriter"/> batches appends.</summary>
public sealed class GroupCommitWriterOptions
{
    /// <summary>
    /// The most requests sent in one <see cref="IEventStore.AppendBatchAsync"/> call (one round trip,
    /// one transaction). Default 256: large enough that a busy silo commits many grains per round trip,
    /// small enough that one batch's statements stay well under a megabyte for typical events.
    /// </summary>
    public int MaxBatchSize { get; init; } = 256;

    /// <summary>
    /// The most requests waiting to be sent. When the queue is full, <see cref="GroupCommitWriter.AppendAsync"/>
    /// waits for room (backpressure) rather than failing or growing without bound. Default 4096.
    /// </summary>
    public int QueueCapacity { get; init; } = 4096;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when a value is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchSize, 1, nameof(MaxBatchSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(QueueCapacity, 1, nameof(QueueCapacity));
    }
}
