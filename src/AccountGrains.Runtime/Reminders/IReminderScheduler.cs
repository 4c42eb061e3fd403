namespace AccountGrains.Runtime;

/// <summary>
/// This silo's reminder service, for grains that just wrote a reminder: one due before the next poll
/// (<see cref="ReminderOptions.PollPeriod"/>) is armed at once instead of firing up to a poll period late.
/// Registered by <c>AddGrainReminders</c>.
/// </summary>
public interface IReminderScheduler
{
    /// <summary>
    /// A reminder of <paramref name="grainId"/> was written (committed) with this due time. Arms it when it is
    /// due within <see cref="ReminderOptions.LookAhead"/> and this silo owns the grain; otherwise a poll finds it.
    /// The firing re-reads the store, so a reminder moved or deleted afterwards is followed.
    /// </summary>
    void ReminderWritten(GrainId grainId, string name, DateTimeOffset dueAt);
}
