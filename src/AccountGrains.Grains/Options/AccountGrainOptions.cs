namespace AccountGrains.Grains;

/// <summary>How the account grain persists, reloads and wakes up for deadlines. Bound from <c>AccountGrains:Grains</c>.</summary>
public sealed class AccountGrainOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "AccountGrains:Grains";

    /// <summary>
    /// A snapshot is saved once this many events have been appended since the last one, so an activation
    /// replays at most about this many events. Default 100; 0 turns snapshots off.
    /// </summary>
    public int SnapshotEvery { get; set; } = 100;

    /// <summary>How many events an activation reads per round trip while it loads. Default 500.</summary>
    public int LoadPageSize { get; set; } = 500;

    /// <summary>
    /// The period of the deadline reminder: after its first tick (at the deadline) it ticks again every
    /// period until the expiry is written, so a failed expiry is retried this often. Raised to Orleans'
    /// <c>ReminderOptions.MinimumReminderPeriod</c> when below it. Default 1 minute.
    /// </summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// When the active grain's timer could not write an expiry (the store was down), it tries again after
    /// this delay. Default 5 seconds.
    /// </summary>
    public TimeSpan ExpiryRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Fails fast on values that cannot work.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(SnapshotEvery);
        ArgumentOutOfRangeException.ThrowIfLessThan(LoadPageSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ReminderPeriod, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ExpiryRetryDelay, TimeSpan.Zero);
    }
}
