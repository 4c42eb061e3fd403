namespace AccountGrains.Streaming;

/// <summary>The account event stream provider's settings, bound from <c>AccountGrains:Streams</c> and validated at start.</summary>
public sealed class AccountEventStreamOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "AccountGrains:Streams";

    /// <summary>
    /// How many partitions (Orleans queues, one stream each) the log is split into by account. Default 8, 1 to 1024.
    /// Every silo must use the same value; changing it moves accounts between partitions, so consumers keyed by
    /// partition must be rebuilt (the reporting projection is, from position zero).
    /// </summary>
    public int PartitionCount { get; set; } = 8;

    /// <summary>How many events of the whole log a receiver reads per store round trip (it keeps its partition's). Default 512.</summary>
    public int ReadPageSize { get; set; } = 512;

    /// <summary>
    /// Events each partition's cache keeps after every consumer has passed them, so a subscription can rewind to a
    /// token that recent. Default 4096. The cache holds at most twice this: beyond it the pulling agent stops reading
    /// until slow consumers catch up (back-pressure), so memory is bounded.
    /// </summary>
    public int CacheSize { get; set; } = 4096;

    /// <summary>How often the pulling agent polls its partition when idle (Orleans' <c>GetQueueMsgsTimerPeriod</c>). Default 100 ms.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long the reporting projection lets delivered events gather before it applies them in one transaction. Default
    /// 100 ms; zero applies each event as it arrives. Reports and queues lag the log by about this much more; what it buys
    /// is one projection transaction per batch instead of one per event, on the database every Lock also commits to.
    /// </summary>
    public TimeSpan ProjectionBatchDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(PartitionCount, 1, nameof(PartitionCount));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(PartitionCount, 1024, nameof(PartitionCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(ReadPageSize, 1, nameof(ReadPageSize));
        ArgumentOutOfRangeException.ThrowIfLessThan(CacheSize, 16, nameof(CacheSize));
        if (ProjectionBatchDelay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ProjectionBatchDelay), "AccountEventStreamOptions.ProjectionBatchDelay must not be negative.");
        }

        if (PollInterval < TimeSpan.FromMilliseconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(PollInterval), "AccountEventStreamOptions.PollInterval must be at least 1 ms.");
        }
    }
}
