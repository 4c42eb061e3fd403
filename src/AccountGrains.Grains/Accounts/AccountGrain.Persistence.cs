using AccountGrains.Abstractions;
using AccountGrains.Domain;
using AccountGrains.Storage;

namespace AccountGrains.Grains;

internal sealed partial class AccountGrain
{
    private enum AppendOutcome
    {
        Appended,
        Conflict,
        DuplicateKey,
    }

    // Decides, appends with the expected version, and on a conflict reloads and decides once more.
    private async ValueTask<CommandOutcome> ExecuteAsync(AccountCommand command, CancellationToken cancellationToken)
    {
        await EnsureFreshAsync(cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            var decision = Decide(command);
            if (decision.Error is { } error)
            {
                throw CallerMapping.ToException(error);
            }

            if (decision.Events.Count == 0)
            {
                return decision.Outcome!;
            }

            switch (await AppendAsync(decision.Events, command.IdempotencyKey, cancellationToken))
            {
                case AppendOutcome.Appended:
                    return decision.Outcome!;
                case AppendOutcome.DuplicateKey:
                    // The store refused the key but cannot say where it was used: nothing of this call is written.
                    return await ReplayFromStoreAsync(command, cancellationToken)
                        ?? throw new AccountConflictException($"Account '{AccountId}': the idempotency key is taken but its first use could not be read; nothing was written.");
                case AppendOutcome.Conflict when attempt == 0:
                    await LoadAsync(cancellationToken);
                    continue;
                default:
                    throw new AccountConflictException($"Account '{AccountId}' changed under this write twice; nothing was written.");
            }
        }
    }

    private Decision Decide(AccountCommand command) =>
        AccountDecider.Decide(_state, command, new DecisionContext(Now, _context.Rules, _context.Random));

    // Loads the latest snapshot and every later event: one read for most accounts (a never-seen one included, no
    // write), more pages only for a long tail after the snapshot. The snapshot's own last event comes with it, for
    // the head's hash.
    private async ValueTask LoadAsync(CancellationToken cancellationToken)
    {
        var id = AccountId;
        var store = _context.Store;
        _stale = true;
        var heard = Volatile.Read(ref _committedElsewhere);
        var pageSize = _context.Options.LoadPageSize;
        var (snapshot, page) = await store.LoadAccountAsync(id, pageSize, cancellationToken);
        var state = snapshot is null ? null : AccountSnapshotSerializer.Deserialize(snapshot.Data.Span);
        ReadOnlyMemory<byte>? head = null;
        while (true)
        {
            foreach (var stored in page)
            {
                if (stored.Seq > (state?.Version ?? 0))
                {
                    (state ??= new AccountState()).Apply(StoreEventMapping.ToEvent(stored));
                }

                head = ChainLinkOf(stored);
            }

            if (page.Count < pageSize)
            {
                break;
            }

            page = await store.ReadStreamAsync(id, state?.Version ?? 0, pageSize, cancellationToken);
        }

        _state = state ?? AccountState.NeverSeen;
        _headHash = head ?? EventChain.Genesis;
        _snapshotVersion = snapshot?.Version ?? 0;
        _stale = false;

        // What was heard before the reads began is in the state now; anything heard since stays to be looked at.
        Interlocked.CompareExchange(ref _committedElsewhere, 0, heard);
        ForgetReminderAlignment();
        ArmDeadlineTimer();
    }

    // Applies the events first, to learn the deadline they leave; the reminder is moved earlier BEFORE the
    // append (write-ahead), so a committed deadline always has a wake-up. Any outcome but a commit leaves the
    // state marked stale, so the next turn reloads the truth from the store.
    private async ValueTask<AppendOutcome> AppendAsync(IReadOnlyList<AccountEvent> events, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var expectedVersion = _state.Version;
        _stale = true;
        if (_state.IsShared)
        {
            _state = new AccountState();
        }

        foreach (var evt in events)
        {
            _state.Apply(evt);
        }

        var deadline = _state.NextDeadline;
        await EnsureReminderCoversAsync(deadline, cancellationToken);
        var data = StoreEventMapping.ToData(events);
        var request = new AppendRequest(AccountId, expectedVersion, data, idempotencyKey) { PreviousHash = _headHash };

        // Once queued, the append is awaited to its end whatever the caller's token says, so an
        // acknowledged write is never mistaken for an abandoned one.
        var result = await _context.Writer.AppendAsync(request, cancellationToken);
        switch (result.Status)
        {
            case AppendStatus.Appended:
                _stale = false;
                _headHash = _headHash is { } previous ? EventChain.Extend(previous.Span, AccountId, expectedVersion, data)[^1] : null;
                ArmDeadlineTimer();
                await AlignReminderAsync(deadline);
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
    private async ValueTask<CommandOutcome?> ReplayFromStoreAsync(AccountCommand command, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var record = await _context.Store.FindIdempotencyKeyAsync(AccountId, command.IdempotencyKey!, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var count = checked((int)(record.LastSeq - record.FirstSeq + 1));
        var stored = await _context.Store.ReadStreamAsync(AccountId, record.FirstSeq - 1, count, cancellationToken);
        var events = stored.Select(StoreEventMapping.ToEvent).ToArray();
        return AccountDecider.OutcomeOf(command, events, record.LastSeq, _context.Rules);
    }

    // An event written before hashing began chains its successor to the genesis (docs/decisions/0014).
    private static ReadOnlyMemory<byte> ChainLinkOf(StoredEvent stored) => stored.Hash.IsEmpty ? EventChain.Genesis : stored.Hash;


    private ValueTask EnsureFreshAsync(CancellationToken cancellationToken) => NeedsLoad ? LoadAsync(cancellationToken) : ValueTask.CompletedTask;

    private bool NeedsLoad => _stale || Volatile.Read(ref _committedElsewhere) > _state.Version;

    /// <summary>
    /// Called by <see cref="LocalActivations"/> on the store feed's thread: a commit left this account at
    /// <paramref name="version"/>. This activation's own commits never exceed its state's version (events are applied
    /// before the append), so only another activation's write makes the next turn reload.
    /// </summary>
    internal void CommittedElsewhere(long version)
    {
        var seen = Volatile.Read(ref _committedElsewhere);
        while (version > seen)
        {
            var previous = Interlocked.CompareExchange(ref _committedElsewhere, version, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
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
#pragma warning disable CA1031 // Any failure only costs a longer replay; it must not surface anywhere.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            AccountGrainLog.SnapshotFailed(_context.Logger, snapshot.AccountId, snapshot.Version, ex);
        }
    }

    // The store's "unreachable" is the interface's "unavailable": the caller may retry (with its idempotency key).
    private static async ValueTask GuardStoreAsync(ValueTask operation)
    {
        try
        {
            await operation;
        }
        catch (StoreUnavailableException e)
        {
            throw Unavailable(e);
        }
    }

    private static async ValueTask<T> GuardStoreAsync<T>(ValueTask<T> operation)
    {
        try
        {
            return await operation;
        }
        catch (StoreUnavailableException e)
        {
            throw Unavailable(e);
        }
    }

    private static async ValueTask<T> GuardStoreAsync<T>(Task<T> operation)
    {
        try
        {
            return await operation;
        }
        catch (StoreUnavailableException e)
        {
            throw Unavailable(e);
        }
    }

    private static AccountUnavailableException Unavailable(StoreUnavailableException e) =>
        new($"The event store is unreachable ({e.Message}); nothing is known to be written unless the idempotency key says so.");
}
