namespace AccountGrains.Gateway;

/// <summary>
/// How <c>WatchEvents</c> reads the log and bounds its memory, bound from <c>AccountGrains:Watch</c> (validated at start).
/// A silo holds at most <see cref="SubscriberBuffer"/> events per live subscriber plus one page per reader, however slow
/// its subscribers are.
/// </summary>
public sealed class GatewayWatchOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "AccountGrains:Watch";

    /// <summary>Events per read of the log, for a subscriber catching up and for the shared live tail. Default 500; 1 to 10,000.</summary>
    public int PageSize { get; set; } = 500;

    /// <summary>
    /// Live events buffered per subscriber that has not sent them yet (the client reads slowly). Default 1,000; 1 to 100,000.
    /// A subscriber whose buffer is full leaves the live tail and catches up from its own position in the store, then rejoins.
    /// </summary>
    public int SubscriberBuffer { get; set; } = 1000;

    /// <summary>
    /// How long the live tail waits for a wake-up (PostgreSQL NOTIFY, or the local store's commit) before it reads the log
    /// anyway, so a lost notification costs at most this much latency. Default 1 second; 10 ms to 1 minute.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The most account ids one filter may name.</summary>
    public const int MaxFilterAccounts = 1000;

    internal void Validate()
    {
        if (PageSize is < 1 or > 10_000)
        {
            throw new InvalidOperationException($"{Section}:PageSize must be between 1 and 10000.");
        }

        if (SubscriberBuffer is < 1 or > 100_000)
        {
            throw new InvalidOperationException($"{Section}:SubscriberBuffer must be between 1 and 100000.");
        }

        if (PollInterval < TimeSpan.FromMilliseconds(10) || PollInterval > TimeSpan.FromMinutes(1))
        {
            throw new InvalidOperationException($"{Section}:PollInterval must be between 10 ms and 1 minute.");
        }
    }
}
