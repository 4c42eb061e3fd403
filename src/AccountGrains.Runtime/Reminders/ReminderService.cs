using AccountGrains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AccountGrains.Runtime;

/// <summary>
/// Fires reminders: polls the store every <see cref="ReminderOptions.PollPeriod"/> for the ones due
/// within <see cref="ReminderOptions.LookAhead"/> that this silo owns, arms a <see cref="TimeProvider"/>
/// timer for each, and at its due time runs <see cref="IRemindable.ReceiveReminderAsync"/> as a turn.
/// </summary>
/// <remarks>
/// The store is the truth: before firing and after the turn the reminder is read again, so a reminder
/// the grain moved or deleted meanwhile is followed, and one it left due fires again after
/// <see cref="ReminderOptions.RetryDelay"/>. Reminders survive restarts because only the store holds them.
/// </remarks>
internal sealed class ReminderService(
    GrainRuntime runtime,
    IReminderStore store,
    IGrainOwnership ownership,
    IOptions<ReminderOptions> options,
    TimeProvider time,
    ILogger<ReminderService> logger) : IReminderScheduler, IDisposable
{
    private readonly ReminderOptions _options = options.Value;
    private readonly Dictionary<(string GrainId, string Name), ScheduledReminder> _scheduled = [];
    private readonly HashSet<Task> _firing = [];
    private readonly CancellationTokenSource _stopping = new();
    private ITimer? _pollTimer;
    private int _polling;

    /// <summary>Polls once (a failure is logged, not thrown), then every poll period.</summary>
    public async Task StartAsync()
    {
        await PollAsync();
        _pollTimer = time.CreateTimer(static s => _ = ((ReminderService)s!).PollAsync(), this, _options.PollPeriod, _options.PollPeriod);
    }

    /// <summary>Disarms every timer and waits for the firings in progress (their turns finish).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task[] firing;
        lock (_scheduled)
        {
            _stopping.Cancel();
            _pollTimer?.Dispose();
            foreach (var reminder in _scheduled.Values)
            {
                reminder.Timer?.Dispose();
            }

            _scheduled.Clear();
            firing = [.. _firing];
        }

        await Task.WhenAll(firing).WaitAsync(cancellationToken);
    }

    public void Dispose()
    {
        _pollTimer?.Dispose();
        _stopping.Dispose();
    }

    /// <summary>Reads the reminders due within the look-ahead and arms those not armed yet.</summary>
    internal async Task PollAsync()
    {
        if (Interlocked.Exchange(ref _polling, 1) == 1)
        {
            return;
        }

        try
        {
            var due = await store.ReadDueRemindersAsync(time.GetUtcNow() + _options.LookAhead, _options.BatchSize, _stopping.Token);
            foreach (var entry in due)
            {
                if (!GrainId.TryParse(entry.GrainId, out var id))
                {
                    RuntimeLog.ReminderInvalidGrainId(logger, entry.Name, entry.GrainId);
                }
                else if (ownership.IsReminderLocal(id))
                {
                    Arm(id, entry.GrainId, entry.Name, entry.DueAt, isRetry: false, fromPoll: true);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            RuntimeLog.ReminderPollFailed(logger, ex);
        }
        finally
        {
            Volatile.Write(ref _polling, 0);
        }
    }

    /// <inheritdoc />
    public void ReminderWritten(GrainId grainId, string name, DateTimeOffset dueAt)
    {
        if (dueAt <= time.GetUtcNow() + _options.LookAhead && ownership.IsReminderLocal(grainId))
        {
            // As a poll would: never pulls an already armed, firing or retrying reminder later.
            Arm(grainId, grainId.ToString(), name, dueAt, isRetry: false, fromPoll: true);
        }
    }

    /// <summary>Completes when no firing is in progress (tests use it to know a retry is armed).</summary>
    internal async Task WhenIdleAsync()
    {
        while (true)
        {
            Task[] firing;
            lock (_scheduled)
            {
                firing = [.. _firing];
            }

            if (firing.Length == 0)
            {
                return;
            }

            await Task.WhenAll(firing);
        }
    }

    private void Arm(GrainId id, string storedGrainId, string name, DateTimeOffset fireAt, bool isRetry, bool fromPoll)
    {
        lock (_scheduled)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            var now = time.GetUtcNow();
            var key = (storedGrainId, name);
            if (!_scheduled.TryGetValue(key, out var reminder))
            {
                reminder = new ScheduledReminder(id, storedGrainId, name);
                _scheduled.Add(key, reminder);
            }
            else if (fromPoll && (reminder.IsFiring || reminder.IsRetry || reminder.FireAt <= fireAt))
            {
                return; // already armed at or before that time, or its firing will re-read the store
            }

            if (!fromPoll && !isRetry && fireAt > now + _options.LookAhead)
            {
                Disarm(reminder); // too far ahead: a later poll arms it
                return;
            }

            reminder.FireAt = fireAt;
            reminder.IsRetry = isRetry;
            reminder.IsFiring = false;
            var delay = fireAt > now ? fireAt - now : TimeSpan.Zero;
            if (reminder.Timer is null)
            {
                var armed = reminder;
                reminder.Timer = time.CreateTimer(_ => OnTimer(armed), null, delay, Timeout.InfiniteTimeSpan);
            }
            else
            {
                reminder.Timer.Change(delay, Timeout.InfiniteTimeSpan);
            }
        }
    }

    // Called under the lock.
    private void Disarm(ScheduledReminder reminder)
    {
        reminder.Timer?.Dispose();
        _scheduled.Remove((reminder.StoredGrainId, reminder.Name));
    }

    private void OnTimer(ScheduledReminder reminder)
    {
        lock (_scheduled)
        {
            if (_stopping.IsCancellationRequested || reminder.IsFiring || !_scheduled.TryGetValue((reminder.StoredGrainId, reminder.Name), out var current) || current != reminder)
            {
                return;
            }

            reminder.IsFiring = true;
            var firing = FireAsync(reminder);
            _firing.Add(firing);
            _ = firing.ContinueWith(
                static (t, s) =>
                {
                    var service = (ReminderService)s!;
                    lock (service._scheduled)
                    {
                        service._firing.Remove(t);
                    }
                },
                this,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    private async Task FireAsync(ScheduledReminder reminder)
    {
        await Task.Yield(); // never run store I/O or a turn on the timer's thread, nor under the lock
        var token = _stopping.Token;
        try
        {
            if (!ownership.IsReminderLocal(reminder.Id) || await ReadAsync(reminder, token) is not { } current)
            {
                Forget(reminder);
                return;
            }

            if (current.DueAt > time.GetUtcNow())
            {
                Arm(reminder.Id, reminder.StoredGrainId, reminder.Name, current.DueAt, isRetry: false, fromPoll: false);
                return;
            }

            try
            {
                await runtime.InvokeReminderAsync(reminder.Id, reminder.Name, current.DueAt, token);
                RuntimeLog.ReminderFired(logger, reminder.Name, reminder.Id, current.DueAt);
            }
            catch (GrainNotOwnedException)
            {
                // Another silo owns the grain and fires it; a later poll arms it here again if it stays due.
                RuntimeLog.ReminderNotOwned(logger, reminder.Name, reminder.Id);
                Forget(reminder);
                return;
            }
            finally
            {
                if (runtime.Types.TryGet(reminder.Id.Type, out var type))
                {
                    runtime.Metrics.ReminderFired(type);
                }
            }

            var after = await ReadAsync(reminder, token);
            var now = time.GetUtcNow();
            if (after is null)
            {
                Forget(reminder);
            }
            else if (after.DueAt <= now)
            {
                RuntimeLog.ReminderStillDue(logger, reminder.Name, reminder.Id, now + _options.RetryDelay);
                Arm(reminder.Id, reminder.StoredGrainId, reminder.Name, now + _options.RetryDelay, isRetry: true, fromPoll: false);
            }
            else
            {
                Arm(reminder.Id, reminder.StoredGrainId, reminder.Name, after.DueAt, isRetry: false, fromPoll: false);
            }
        }
        catch (Exception) when (token.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            var retryAt = time.GetUtcNow() + _options.RetryDelay;
            RuntimeLog.ReminderFailed(logger, ex, reminder.Name, reminder.Id, retryAt);
            Arm(reminder.Id, reminder.StoredGrainId, reminder.Name, retryAt, isRetry: true, fromPoll: false);
        }
    }

    private async ValueTask<ReminderEntry?> ReadAsync(ScheduledReminder reminder, CancellationToken cancellationToken)
    {
        var entries = await store.ReadRemindersAsync(reminder.StoredGrainId, cancellationToken);
        return entries.FirstOrDefault(e => string.Equals(e.Name, reminder.Name, StringComparison.Ordinal));
    }

    private void Forget(ScheduledReminder reminder)
    {
        lock (_scheduled)
        {
            if (_scheduled.TryGetValue((reminder.StoredGrainId, reminder.Name), out var current) && current == reminder)
            {
                Disarm(reminder);
            }
        }
    }
}
