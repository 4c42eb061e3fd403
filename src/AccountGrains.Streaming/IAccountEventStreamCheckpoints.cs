namespace AccountGrains.Streaming;

/// <summary>
/// Where a partition's receiver starts reading the log when a silo takes the partition over: after the lowest
/// position any registered consumer still needs. Register one per durable consumer (the reporting projection
/// registers its own); with none, receivers start at position zero and consumers skip what they have applied.
/// </summary>
public interface IAccountEventStreamCheckpoints
{
    /// <summary>The last position this consumer has applied for <paramref name="partition"/> (0 for none).</summary>
    ValueTask<long> AppliedThroughAsync(int partition, CancellationToken cancellationToken);
}
