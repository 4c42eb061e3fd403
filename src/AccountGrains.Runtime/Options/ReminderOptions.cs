namespace AccountGrains.Runtime;

/// <summary>Options of the reminder service (durable timers), validated when the service is created.</summary>
public sealed class ReminderOptions
{
    /// <summary>How often the reminder store is read for due reminders. Default: 1 minute. Must be positive.</summary>
    public TimeSpan PollPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Each poll reads the reminders due up to this far ahead and arms a timer for each, so a reminder
    /// fires on time rather than at the next poll. Default: 2 minutes. Must be at least <see cref="PollPeriod"/>.
    /// </summary>
    public TimeSpan LookAhead { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// When a reminder is still due after its turn (the grain failed or did not move or delete it), it
    /// fires again this much later, never in a tight loop. Default: 30 seconds. Must be positive.
    /// </summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The most reminders one poll reads (earliest first); later ones are read by later polls.
    /// Default: 1,000. Must be positive.
    /// </summary>
    public int BatchSize { get; set; } = 1000;
}
