using AccountGrains.Domain;
using AccountGrains.Runtime;

namespace AccountGrains.Grains;

/// <summary>
/// One account as a grain: its state is the fold of its events, commands are decided by the domain
/// and acknowledged only after their events are committed. Turn-based: the runtime runs one call at a
/// time, so nothing here takes a lock.
/// </summary>
/// <remarks>
/// A never-seen account activates to the empty state and writes nothing until a command changes it.
/// A durable reminder named <see cref="DeadlineReminder"/> is kept at the state's next deadline (a
/// temporary lock's end, a recovery attempt's expiry), written in the same transaction as the events.
/// </remarks>
[GrainType(AccountIds.GrainType)]
public sealed partial class AccountGrain : Grain, IRemindable
{
    /// <summary>The name of the account's one reminder.</summary>
    public const string DeadlineReminder = "deadline";

    private readonly AccountGrainContext _context;
    private AccountState _state = new();

    // Set when a write's outcome is unknown or was refused: the next turn reloads before it reads state.
    private bool _stale;
    private long _snapshotVersion;

    internal AccountGrain(AccountGrainContext context) => _context = context;

    /// <summary>The account id (the grain's key).</summary>
    public string AccountId => GrainId.Key;

    /// <inheritdoc />
    public override ValueTask OnActivateAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    /// <summary>May the account act? A pure read of the warm state: no I/O unless a failed write left it stale.</summary>
    public ValueTask<VerifyResult> VerifyAsync(VerifyAction action, string? deviceId, CancellationToken cancellationToken)
    {
        if (_stale)
        {
            return ReloadThenVerifyAsync(action, deviceId, cancellationToken);
        }

        return new ValueTask<VerifyResult>(_state.Verify(action, deviceId, _context.Time.GetUtcNow()));
    }

    /// <summary>The account's posture as readers see it (never a recovery code or hash).</summary>
    public async ValueTask<AccountView> GetViewAsync(CancellationToken cancellationToken)
    {
        await EnsureFreshAsync(cancellationToken);
        return AccountView.Of(_state, _context.Time.GetUtcNow(), _context.Rules);
    }

    /// <summary>
    /// Decides <paramref name="command"/> and, when it changes the account, appends its events; returns once
    /// they are committed. A refusal comes back as <see cref="Decision.Error"/> and writes nothing.
    /// </summary>
    /// <exception cref="AccountConflictException">Another writer changed the account twice in a row under this one.</exception>
    /// <exception cref="AccountGrains.Storage.StoreUnavailableException">The store is down; the outcome is unknown, a retry with the same idempotency key is safe.</exception>
    public async ValueTask<Decision> ExecuteAsync(AccountCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await EnsureFreshAsync(cancellationToken);
        for (var attempt = 0; ; attempt++)
        {
            var decision = AccountDecider.Decide(_state, command, new DecisionContext(_context.Time.GetUtcNow(), _context.Rules, _context.Random));
            if (!decision.IsSuccess || decision.Events.Count == 0)
            {
                return decision;
            }

            var outcome = await AppendAsync(decision.Events, command.IdempotencyKey, alwaysWriteReminder: false, cancellationToken);
            switch (outcome)
            {
                case AppendOutcome.Appended:
                    return decision;
                case AppendOutcome.DuplicateKey:
                    return await ReplayFromStoreAsync(command, cancellationToken) ?? decision;
                case AppendOutcome.Conflict when attempt == 0:
                    await LoadAsync(cancellationToken);
                    continue;
                default:
                    throw new AccountConflictException($"Account '{AccountId}' changed under this write twice; nothing was written.");
            }
        }
    }

    /// <summary>
    /// <see cref="ExecuteAsync"/>, then the account's view as that same turn left it (so a reply never shows
    /// a later writer's change as its own).
    /// </summary>
    public async ValueTask<CommandResult> ExecuteAndViewAsync(AccountCommand command, CancellationToken cancellationToken)
    {
        var decision = await ExecuteAsync(command, cancellationToken);
        return new CommandResult(decision, AccountView.Of(_state, _context.Time.GetUtcNow(), _context.Rules));
    }

    /// <inheritdoc />
    public async ValueTask ReceiveReminderAsync(string reminderName, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        await EnsureFreshAsync(cancellationToken);
        var decision = AccountDecider.Decide(_state, ExpireDue.FromTimer, new DecisionContext(_context.Time.GetUtcNow(), _context.Rules, _context.Random));
        if (decision.IsSuccess && decision.Events.Count > 0)
        {
            // The fired reminder must move even if the next deadline equals it, so always write it.
            var outcome = await AppendAsync(decision.Events, idempotencyKey: null, alwaysWriteReminder: true, cancellationToken);
            if (outcome != AppendOutcome.Appended)
            {
                // A newer writer exists; the reminder stays due and fires again after its retry delay.
                await LoadAsync(cancellationToken);
            }

            return;
        }

        await RealignReminderAsync(dueAt, cancellationToken);
    }

    private async ValueTask<VerifyResult> ReloadThenVerifyAsync(VerifyAction action, string? deviceId, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return _state.Verify(action, deviceId, _context.Time.GetUtcNow());
    }

    private ValueTask EnsureFreshAsync(CancellationToken cancellationToken) => _stale ? LoadAsync(cancellationToken) : ValueTask.CompletedTask;
}
