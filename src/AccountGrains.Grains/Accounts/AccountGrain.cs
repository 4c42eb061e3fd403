using AccountGrains.Abstractions;
using AccountGrains.Domain;
using Orleans.Concurrency;
using Orleans.Serialization.Invocation;

namespace AccountGrains.Grains;

/// <summary>
/// One account as an Orleans grain: its state is the fold of its events; each command is decided by the
/// domain and acknowledged only once its events are committed to the event store with the expected
/// version. Orleans runs one call at a time per activation, so nothing here takes a lock.
/// </summary>
/// <remarks>
/// A never-seen account activates to the empty state and writes nothing until a command changes it.
/// <see cref="IAccountGrain.GetHistory"/> alone interleaves (<see cref="MayInterleaveAttribute"/>): it
/// reads the store, never the grain's state, so it neither waits for nor delays the account's turn.
/// </remarks>
[GrainType(GrainTypeName)]
[MayInterleave(nameof(MayInterleave))]
internal sealed partial class AccountGrain : Grain, IAccountGrain, IRemindable
{
    /// <summary>The grain type name: account grains are <c>account/{id}</c>.</summary>
    public const string GrainTypeName = "account";

    private readonly AccountGrainContext _context;
    // A never-seen account shares AccountState.NeverSeen until its first write (idle activations stay small).
    private AccountState _state = AccountState.NeverSeen;
    private long _snapshotVersion;

    // The chain hash of the stream's last event, sent with each append so the store need not look it up; null when unknown.
    private ReadOnlyMemory<byte>? _headHash;

    // Set when a write's outcome is unknown or was refused, or the load failed: the next turn reloads.
    private bool _stale;

    // The highest version another silo's commit left this account at, as the store's commit feed heard it
    // (long.MaxValue: notifications may have been missed); above the state's version, the next turn reloads.
    private long _committedElsewhere;
    private bool _validId;

    public AccountGrain(AccountGrainContext context) => _context = context;

    private string AccountId => this.GetPrimaryKeyString();

    private DateTimeOffset Now => _context.Time.GetUtcNow();

    /// <summary>Orleans' interleaving predicate: only history reads run beside the account's turn.</summary>
    public static bool MayInterleave(IInvokable request) =>
        request is not null && string.Equals(request.GetMethodName(), nameof(IAccountGrain.GetHistory), StringComparison.Ordinal);

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var id = AccountId;
        _validId = AccountIds.IsValid(id);
        if (!_validId)
        {
            return;
        }

        // Registered before the load, so a commit elsewhere during the load is not missed.
        _context.Activations?.Add(id, this);
        try
        {
            await LoadAsync(cancellationToken);
        }
        catch (Storage.StoreUnavailableException e)
        {
            // The activation stays, stale: every call retries the load (and answers UNAVAILABLE until it works).
            AccountGrainLog.LoadFailed(_context.Logger, id, e);
            _stale = true;
        }
        catch
        {
            // Orleans drops an activation whose activation failed without deactivating it: it must not stay registered.
            _context.Activations?.Remove(id, this);
            throw;
        }
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _context.Activations?.Remove(AccountId, this);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<Abstractions.VerifyResult> Verify(Abstractions.VerifyAction action, string? deviceId, CancellationToken cancellationToken = default)
    {
        EnsureValidId();
        var domainAction = EnumMapping.ToDomain(action);
        return NeedsLoad
            ? ReloadThenVerifyAsync(domainAction, deviceId, cancellationToken)
            : new ValueTask<Abstractions.VerifyResult>(ResultMapping.ToAbstractions(_state.Verify(domainAction, deviceId, Now)));
    }

    /// <inheritdoc />
    public async ValueTask<AccountPosture> GetAccount(Caller caller, CancellationToken cancellationToken = default)
    {
        EnsureValidId();
        CallerMapping.Authorize(caller, Operation.GetAccount);
        await GuardStoreAsync(EnsureFreshAsync(cancellationToken));
        return Posture();
    }

    /// <inheritdoc />
    public async ValueTask<HistoryPage> GetHistory(Caller caller, long afterSeq, int pageSize, CancellationToken cancellationToken = default)
    {
        EnsureValidId();
        CallerMapping.Authorize(caller, Operation.GetHistory);
        return await GuardStoreAsync(_context.History.ReadAsync(AccountId, afterSeq, pageSize, cancellationToken));
    }

    /// <inheritdoc />
    public async ValueTask<LockResult> Lock(Caller caller, LockRequest request, CancellationToken cancellationToken = default)
    {
        Required(request);
        var command = new LockAccount(CallerMapping.ToActor(caller), EnumMapping.ToDomain(request.Reason), request.Duration, request.Note) { IdempotencyKey = request.IdempotencyKey };
        var o = await RunAsync<LockOutcome>(command, cancellationToken);
        return new LockResult(o.Version, o.LockId, o.ExpiresAt, o.Replayed, Posture());
    }

    /// <inheritdoc />
    public async ValueTask<UnlockResult> Unlock(Caller caller, UnlockRequest request, CancellationToken cancellationToken = default)
    {
        Required(request);
        var reason = request.Reason is { } r ? EnumMapping.ToDomain(r) : (Domain.LockReason?)null;
        var command = new UnlockAccount(CallerMapping.ToActor(caller), EnumMapping.ToDomain(request.Scope), request.LockId, reason, request.Note) { IdempotencyKey = request.IdempotencyKey };
        return await RunAsync<CommandOutcome>(command, cancellationToken) switch
        {
            RequestOpenedOutcome p => new UnlockResult(p.Version, [], p.Replayed, Posture()) { Pending = WorkflowMapping.ToRequest(p.Request) },
            var o => new UnlockResult(o.Version, ((UnlockOutcome)o).LiftedLockIds, o.Replayed, Posture()),
        };
    }

    /// <inheritdoc />
    public async ValueTask<SignalResult> ReportSignal(Caller caller, SignalRequest request, CancellationToken cancellationToken = default)
    {
        Required(request);
        var command = new Domain.ReportSignal(CallerMapping.ToActor(caller), EnumMapping.ToDomain(request.Kind), request.DeviceId) { IdempotencyKey = request.IdempotencyKey };
        var o = await RunAsync<SignalOutcome>(command, cancellationToken);
        return new SignalResult(o.Version, EnumMapping.ToAbstractions(o.Risk), o.BruteForceLockId, o.Replayed, Posture());
    }

    /// <inheritdoc />
    public async ValueTask<RecoveryStartResult> StartRecovery(Caller caller, StartRecoveryRequest request, CancellationToken cancellationToken = default)
    {
        Required(request);
        var command = new Domain.StartRecovery(CallerMapping.ToActor(caller), EnumMapping.ToDomain(request.Channel)) { IdempotencyKey = request.IdempotencyKey };
        var o = await RunAsync<RecoveryStartedOutcome>(command, cancellationToken);
        return new RecoveryStartResult(o.Version, o.AttemptId, o.Code, o.ExpiresAt, o.Replayed);
    }

    /// <inheritdoc />
    public async ValueTask<RecoveryCompleteResult> CompleteRecovery(Caller caller, CompleteRecoveryRequest request, CancellationToken cancellationToken = default)
    {
        Required(request);
        var command = new Domain.CompleteRecovery(CallerMapping.ToActor(caller), request.AttemptId, request.Code);
        var o = await RunAsync<RecoveryCompletionOutcome>(command, cancellationToken);
        return new RecoveryCompleteResult(o.Version, EnumMapping.ToAbstractions(o.Status), o.TriesLeft, o.LiftedLockIds, Posture());
    }

    /// <inheritdoc />
    public async ValueTask<BadgeResult> GrantVerification(Caller caller, GrantVerificationRequest request, CancellationToken cancellationToken = default)
    {
        Required(request);
        var command = new Domain.GrantVerification(CallerMapping.ToActor(caller), request.Category) { IdempotencyKey = request.IdempotencyKey };
        var o = await RunAsync<VerificationOutcome>(command, cancellationToken);
        return new BadgeResult(o.Version, ResultMapping.ToBadge(o.Badge), o.Replayed, Posture());
    }

    /// <inheritdoc />
    public async ValueTask<BadgeResult> RevokeVerification(Caller caller, RevokeVerificationRequest request, CancellationToken cancellationToken = default)
    {
        Required(request);
        var command = new Domain.RevokeVerification(CallerMapping.ToActor(caller), request.Reason) { IdempotencyKey = request.IdempotencyKey };
        return await RunAsync<CommandOutcome>(command, cancellationToken) switch
        {
            RequestOpenedOutcome p => new BadgeResult(p.Version, ResultMapping.ToBadge(_state.Badge), p.Replayed, Posture()) { Pending = WorkflowMapping.ToRequest(p.Request) },
            var o => new BadgeResult(o.Version, ResultMapping.ToBadge(((VerificationOutcome)o).Badge), o.Replayed, Posture()),
        };
    }

    /// <inheritdoc />
    public async ValueTask<HighProfileResult> SetHighProfile(Caller caller, SetHighProfileRequest request, CancellationToken cancellationToken = default)
    {
        Required(request);
        var command = new Domain.SetHighProfile(CallerMapping.ToActor(caller), request.HighProfile) { IdempotencyKey = request.IdempotencyKey };
        var o = await RunAsync<HighProfileOutcome>(command, cancellationToken);
        return new HighProfileResult(o.Version, o.HighProfile, o.Replayed, Posture());
    }

    // The account as this turn leaves it, so a reply never shows a later writer's change as its own.
    private AccountPosture Posture()
    {
        var view = AccountView.Of(_state, Now, _context.Rules);
        return WorkflowMapping.WithWorkflows(ResultMapping.ToPosture(AccountId, view, _context.Rules), view);
    }

    private async ValueTask<TOutcome> RunAsync<TOutcome>(AccountCommand command, CancellationToken cancellationToken)
        where TOutcome : CommandOutcome
    {
        EnsureValidId();
        var outcome = await GuardStoreAsync(ExecuteAsync(command, cancellationToken));
        return outcome as TOutcome ?? throw new InvalidOperationException($"{command.Operation} decided a {outcome.GetType().Name}.");
    }

    private async ValueTask<Abstractions.VerifyResult> ReloadThenVerifyAsync(Domain.VerifyAction action, string? deviceId, CancellationToken cancellationToken)
    {
        await GuardStoreAsync(LoadAsync(cancellationToken));
        return ResultMapping.ToAbstractions(_state.Verify(action, deviceId, Now));
    }

    // A client that sends no request gets the same answer as for any malformed one.
    private static void Required(object? request)
    {
        if (request is null)
        {
            throw new AccountRefusedException(RefusalCode.InvalidArgument, "The request is required.");
        }
    }

    private void EnsureValidId()
    {
        if (!_validId)
        {
            throw new AccountRefusedException(RefusalCode.InvalidArgument, "An account id is 1-64 characters of [A-Za-z0-9_.-].");
        }
    }
}
