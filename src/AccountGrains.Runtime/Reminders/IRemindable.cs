namespace AccountGrains.Runtime;

/// <summary>A grain that receives reminders (durable, one-shot timers kept in the <c>IReminderStore</c>).</summary>
public interface IRemindable
{
    /// <summary>
    /// A reminder of this grain is due; runs as a normal turn. Move or delete the reminder in the store
    /// during this turn (atomically with the events it causes, where it matters): if it is still due
    /// afterwards it fires again after <see cref="ReminderOptions.RetryDelay"/>.
    /// </summary>
    /// <remarks>
    /// Fires at least once per due time, not exactly once: after a crash, a retry, or a race with the
    /// grain moving it, a reminder can arrive again or late, so check the grain's own state.
    /// </remarks>
    /// <param name="reminderName">The reminder's name.</param>
    /// <param name="dueAt">The due time the store held when it fired.</param>
    /// <param name="cancellationToken">Cancelled when the silo shuts down.</param>
    ValueTask ReceiveReminderAsync(string reminderName, DateTimeOffset dueAt, CancellationToken cancellationToken);
}
