using AccountGrains.Domain;
using AccountGrains.Storage;

namespace AccountGrains.Grains;

public sealed partial class AccountGrain
{
    private enum AppendOutcome
    {
        Appended,
        Conflict,
        DuplicateKey,
    }

    // Loads the latest snapshot, then every later event. A never-seen account costs two reads, no write.
    private async ValueTask LoadAsync(CancellationToken cancellationToken)
    {
        var store = _context.Store;
        var snapshot = await store.LoadSnapshotAsync(AccountId, cancellationToken);
        var state = snapshot is null ? new AccountState() : AccountSnapshotSerializer.Deserialize(snapshot.Data.Span);
        var pageSize = _context.Options.LoadPageSize;
        while (true)
        {
            var page = await store.ReadStreamAsync(AccountId, state.Version, pageSize, cancellationToken);
            foreach (var stored in page)
            {
                state.Apply(AccountEventMapping.ToEvent(stored));
            }

            if (page.Count < pageSize)
            {
                break;
            }
        }

        _state = state;
        _snapshotVersion = snapshot?.Version ?? 0;
        _stale = false;
    }

    // Applies the events to the state first, to learn the next deadline to commit with them; any outcome
    // but a commit leaves the state marked stale, so the next turn reloads the truth from the store.
    private async ValueTask<AppendOutcome> AppendAsync(IReadOnlyList<AccountEvent> events, string? idempotencyKey, bool alwaysWriteReminder, CancellationToken cancellationToken)
    {
        var expectedVersion = _state.Version;
        var deadlineBefore = _state.NextDeadline;
        _stale = true;
        foreach (var evt in events)
        {
            _state.Apply(evt);
        }

        var deadlineAfter = _state.NextDeadline;
        var reminder = alwaysWriteReminder || deadlineAfter != deadlineBefore
            ? new ReminderChange(GrainId.ToString(), DeadlineReminder, deadlineAfter)
            : null;
        var request = new AppendRequest(AccountId, expectedVersion, AccountEventMapping.ToData(events), idempotencyKey, reminder);

        // Once queued the append is awaited to its end whatever the caller's token says, so an
        // acknowledged write is never mistaken for an abandoned one.
        var result = await _context.Writer.AppendAsync(request, cancellationToken);
        switch (result.Status)
        {
            case AppendStatus.Appended:
                _stale = false;
                if (reminder?.DueAt is { } due)
                {
                    _context.Scheduler.ReminderWritten(GrainId, DeadlineReminder, due);
                }

                SnapshotIfDue();
                return AppendOutcome.Appended;
            case AppendStatus.DuplicateIdempotencyKey:
                return AppendOutcome.DuplicateKey;
            default:
                AccountGrainLog.StaleWrite(_context.Logger, AccountId, expectedVersion, result.Version);
                return AppendOutcome.Conflict;
        }
    }

    // The store knows a key older than the state remembers: rebuild the first result from its events.
    private async ValueTask<Decision?> ReplayFromStoreAsync(AccountCommand command, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var record = await _context.Store.FindIdempotencyKeyAsync(AccountId, command.IdempotencyKey!, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var count = checked((int)(record.LastSeq - record.FirstSeq + 1));
        var stored = await _context.Store.ReadStreamAsync(AccountId, record.FirstSeq - 1, count, cancellationToken);
        var events = stored.Select(AccountEventMapping.ToEvent).ToArray();
        return Decision.Success([], AccountDecider.OutcomeOf(command, events, record.LastSeq, _context.Rules));
    }

    // Nothing was due when the reminder fired (it fired early, or twice): make the stored reminder match the state.
    private async ValueTask RealignReminderAsync(DateTimeOffset firedDueAt, CancellationToken cancellationToken)
    {
        var next = _state.NextDeadline;
        if (next is null)
        {
            await _context.Reminders.DeleteReminderAsync(GrainId.ToString(), DeadlineReminder, cancellationToken);
        }
        else if (next != firedDueAt)
        {
            await _context.Reminders.UpsertReminderAsync(new ReminderEntry(GrainId.ToString(), DeadlineReminder, next.Value), cancellationToken);
        }
    }

    // Snapshots are an optimisation: saved in the background, a failure only costs a longer replay later.
    private void SnapshotIfDue()
    {
        var every = _context.Options.SnapshotEvery;
        if (every == 0 || _state.Version - _snapshotVersion < every)
        {
            return;
        }

        var snapshot = new Snapshot(AccountId, _state.Version, AccountSnapshotSerializer.Serialize(_state));
        _snapshotVersion = snapshot.Version;
        _ = SaveSnapshotAsync(snapshot);
    }

    private async Task SaveSnapshotAsync(Snapshot snapshot)
    {
        try
        {
            await _context.Store.SaveSnapshotAsync(snapshot);
        }
        catch (Exception ex)
        {
            AccountGrainLog.SnapshotFailed(_context.Logger, snapshot.AccountId, snapshot.Version, ex);
        }
    }
}
