namespace AccountGrains.Storage;

/// <summary>
/// The in-process part of <see cref="IEventLogSignal"/>: stores announce committed positions here (after their own
/// commits, and on PostgreSQL for each notification from other processes); every waiter is released by one shared
/// task, so waking a thousand readers costs one completion, and nothing is queued per announcement.
/// </summary>
internal sealed class EventLogSignal : IEventLogSignal
{
    private long _lastAnnounced;
    private TaskCompletionSource _pulse = NewPulse();

    /// <inheritdoc />
    public long LastAnnouncedPosition => Volatile.Read(ref _lastAnnounced);

    /// <summary>Records that events up to <paramref name="position"/> are committed and wakes every waiter.</summary>
    public void Announce(long position)
    {
        long seen;
        do
        {
            seen = Volatile.Read(ref _lastAnnounced);
            if (position <= seen)
            {
                break;
            }
        }
        while (Interlocked.CompareExchange(ref _lastAnnounced, position, seen) != seen);

        Pulse();
    }

    /// <summary>Wakes every waiter without a position: something may have been appended (a listener reconnected).</summary>
    public void Pulse() => Interlocked.Exchange(ref _pulse, NewPulse()).TrySetResult();

    /// <inheritdoc />
    public async Task<bool> WaitForAppendAsync(long afterPosition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Take the pulse before looking at the position: an announcement between the two completes this pulse.
        var pulse = Volatile.Read(ref _pulse).Task;
        if (LastAnnouncedPosition > afterPosition)
        {
            return true;
        }

        try
        {
            await pulse.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private static TaskCompletionSource NewPulse() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
