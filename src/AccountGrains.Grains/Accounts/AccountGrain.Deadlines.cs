using AccountGrains.Abstractions;
using AccountGrains.Domain;

namespace AccountGrains.Grains;

/// <summary>
/// Deadlines (a temporary lock's end, a recovery attempt's expiry). Verify never depends on them: expiry is
/// computed from state and now. They only get the expiry EVENT written on time: by a grain timer while the
/// account is active, and by an Orleans reminder that wakes it when it is idle or its silo died.
/// </summary>
/// <remarks>
/// The reminder is registered (or moved earlier) before the append that creates the deadline, so a
/// committed deadline always has its wake-up; a reminder that fires with nothing due (the append failed, or
/// the timer was first) realigns itself, or unregisters itself when no deadline remains. Orleans skips
/// reminder ticks missed while the cluster was down; the first tick after it is back (or the activation it
/// causes, which expires a past deadline at once) still writes the expiry.
/// </remarks>
internal sealed partial class AccountGrain
{
    /// <summary>The name of the account's one reminder.</summary>
    public const string DeadlineReminder = "deadline";

    // Timers longer than this are re-armed when they fire (System.Threading timers stop at about 49 days).
    private static readonly TimeSpan LongestTimer = TimeSpan.FromDays(1);

    // What the registered reminder is known to target: null = none; MinValue = unknown (may exist, may be late).
    private static readonly DateTimeOffset UnknownReminder = DateTimeOffset.MinValue;

    private IGrainTimer? _timer;
    private DateTimeOffset? _reminderAt;

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!_validId || !string.Equals(reminderName, DeadlineReminder, StringComparison.Ordinal))
        {
            return;
        }

        await ExpireDueAsync(fromReminder: true, CancellationToken.None);
    }

    // After a load nothing is known about the stored reminder but that a deadline should have one.
    private void ForgetReminderAlignment() => _reminderAt = _state.NextDeadline is null ? null : UnknownReminder;

    private async Task ExpireDueAsync(bool fromReminder, CancellationToken cancellationToken)
    {
        await GuardStoreAsync(EnsureFreshAsync(cancellationToken));
        if (fromReminder)
        {
            // It exists (it just fired), at an alignment nothing here knows: after this turn it matches the state.
            _reminderAt = UnknownReminder;
        }

        var due = _state.NextDeadline;
        var decision = Decide(ExpireDue.FromTimer);
        if (decision.IsSuccess && decision.Events.Count > 0)
        {
            if (await GuardStoreAsync(AppendAsync(decision.Events, idempotencyKey: null, cancellationToken)) != AppendOutcome.Appended)
            {
                // Another writer got there first; the reloaded state re-arms the timer at what is still due.
                await GuardStoreAsync(LoadAsync(cancellationToken));
            }
            else if (due is { } deadline)
            {
                DeadlineMetrics.Expired(deadline, Now, fromReminder);
            }

            return;
        }

        // Nothing was due (the timer or a write was first, or the tick came early): match the state.
        ArmDeadlineTimer();
        await AlignReminderAsync(_state.NextDeadline);
    }

    private async Task OnDeadlineTimerAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ExpireDueAsync(fromReminder: false, cancellationToken);
        }
        catch (AccountUnavailableException e)
        {
            var retry = _context.Options.ExpiryRetryDelay;
            AccountGrainLog.ExpiryFailed(_context.Logger, AccountId, retry, e);
            ArmTimer(retry);
        }
    }

    // One-shot timer at the next deadline (at once when it is already past); none when nothing expires.
    private void ArmDeadlineTimer()
    {
        if (_state.NextDeadline is not { } deadline)
        {
            _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        var due = deadline - Now;
        ArmTimer(due < TimeSpan.Zero ? TimeSpan.Zero : due > LongestTimer ? LongestTimer : due);
    }

    private void ArmTimer(TimeSpan due)
    {
        if (_timer is null)
        {
            // Not interleaving: the expiry is a turn like any call. Not keeping alive: an idle account may be
            // collected; the reminder wakes it.
            _timer = this.RegisterGrainTimer(static (grain, ct) => grain.OnDeadlineTimerAsync(ct), this, new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan));
        }
        else
        {
            _timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    // Write-ahead, before an append: a deadline earlier than the registered reminder (or without one) moves it.
    private async ValueTask EnsureReminderCoversAsync(DateTimeOffset? deadline, CancellationToken cancellationToken)
    {
        if (deadline is not { } d || (_reminderAt is { } at && at != UnknownReminder && at <= d))
        {
            return;
        }

        try
        {
            await RegisterReminderAsync(d, cancellationToken);
        }
#pragma warning disable CA1031 // Whatever the reminder table throws, the write must not go ahead without its wake-up.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            throw new AccountUnavailableException($"The reminder table is unreachable ({e.Message}); nothing was written.");
        }
    }

    // After a commit (or a tick with nothing due): move the reminder to the next deadline, or remove it. A
    // failure costs nothing but a tick that finds nothing due and realigns then.
    private async ValueTask AlignReminderAsync(DateTimeOffset? deadline)
    {
        if (_reminderAt == deadline)
        {
            return;
        }

        try
        {
            if (deadline is { } d)
            {
                await RegisterReminderAsync(d, CancellationToken.None);
            }
            else
            {
                if (await this.GetReminder(DeadlineReminder) is { } reminder)
                {
                    await this.UnregisterReminder(reminder);
                }

                _reminderAt = null;
            }
        }
#pragma warning disable CA1031 // See above: the next tick realigns.
        catch (Exception e)
#pragma warning restore CA1031
        {
            AccountGrainLog.ReminderAlignFailed(_context.Logger, AccountId, e);
            _reminderAt = UnknownReminder;
        }
    }

    private async Task RegisterReminderAsync(DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var due = deadline - Now;
        _reminderAt = UnknownReminder;
        await this.RegisterOrUpdateReminder(DeadlineReminder, due < TimeSpan.Zero ? TimeSpan.Zero : due, _context.ReminderPeriod, cancellationToken);
        _reminderAt = deadline;
    }
}
