namespace AccountGrains.Storage;

/// <summary>
/// A wake-up for readers of the global log (<see cref="IEventStore.ReadLogAsync"/>): tells them that events may have
/// been appended, on this process or, on PostgreSQL, on any process sharing the store (LISTEN/NOTIFY). It is a hint,
/// never the data: readers always read the log by position, and a lost wake-up (a dropped LISTEN connection) only
/// costs latency, because readers also wait with a timeout and read again. See <c>docs/decisions/0009-log-wake-up.md</c>.
/// </summary>
public interface IEventLogSignal
{
    /// <summary>The highest log position this process has heard was committed; 0 before the first.</summary>
    long LastAnnouncedPosition { get; }

    /// <summary>
    /// Waits until an append beyond <paramref name="afterPosition"/> was announced, or something else may have
    /// been appended (the listener reconnected), or <paramref name="timeout"/> passed.
    /// </summary>
    /// <param name="afterPosition">The position the caller has read up to.</param>
    /// <param name="timeout">How long to wait at most; the caller then reads the log anyway.</param>
    /// <param name="cancellationToken">Ends the wait with <see cref="OperationCanceledException"/>.</param>
    /// <returns><see langword="true"/> when woken, <see langword="false"/> when the timeout passed.</returns>
    Task<bool> WaitForAppendAsync(long afterPosition, TimeSpan timeout, CancellationToken cancellationToken);
}
