namespace AccountGrains.Domain;

/// <summary>
/// The decider: given a state, a command and the context (time, options, randomness), decides the
/// events to append and the outcome, or refuses. Pure: never mutates the state, no I/O.
/// </summary>
public static partial class AccountDecider
{
    /// <summary>
    /// Decides <paramref name="command"/> against <paramref name="state"/>. Checks the role table
    /// (<see cref="Permissions"/>) as a second line after the gateway, then the idempotency key, then the
    /// command's own rules. The caller appends <see cref="Decision.Events"/> with expected version
    /// <see cref="AccountState.Version"/>, then applies them to the state.
    /// </summary>
    public static Decision Decide(AccountState state, AccountCommand command, DecisionContext context)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(context.Options);
        ArgumentNullException.ThrowIfNull(context.Random);
        var actor = command.Actor;
        if (actor is null || !Enum.IsDefined(actor.Role))
        {
            return Decision.Fail(DomainErrorCode.InvalidArgument, "The command has no valid actor.");
        }

        if (!Permissions.IsAllowed(actor.Role, command.Operation))
        {
            return Decision.Fail(DomainErrorCode.PermissionDenied, $"Role {Names.Of(actor.Role)} may not call {command.Operation}.");
        }

        var max = context.Options.MaxTextLength;
        if ((Text.Invalid(actor.Name, "actor name", required: true, max) ?? Text.Invalid(actor.OnBehalfOf, "on-behalf-of agent id", required: false, max)
            ?? Text.Invalid(command.IdempotencyKey, "idempotency key", required: false, max)) is { } bad)
        {
            return Decision.Fail(DomainErrorCode.InvalidArgument, bad);
        }

        if (command.IdempotencyKey is { } key && FindRemembered(state, key, context) is { } first)
        {
            if (OutcomeBuilder.OperationOf(first.Events[0]) != command.Operation)
            {
                return Decision.Fail(DomainErrorCode.InvalidArgument, $"The idempotency key was already used for {OutcomeBuilder.OperationOf(first.Events[0])}.");
            }

            var replayed = OutcomeBuilder.Build(command, first.Events, first.LastSeq, state, context) with { Replayed = true };
            return Decision.Success([], replayed);
        }

        var batch = new EventBatch(state, context.Now, actor, command.IdempotencyKey);
        string? code = null;
        var error = command switch
        {
            LockAccount c => DecideLock(state, c, context, batch),
            UnlockAccount c => DecideUnlock(state, c, context, batch),
            ReportSignal c => DecideSignal(state, c, context, batch),
            StartRecovery c => DecideStartRecovery(state, c, context, batch, out code),
            CompleteRecovery c => DecideCompleteRecovery(state, c, context, batch),
            GrantVerification c => DecideGrant(state, c, context, batch),
            RevokeVerification c => DecideRevoke(state, c, context, batch),
            SetHighProfile c => DecideHighProfile(state, c, batch),
            ExpireDue => DecideExpiry(state, context, batch),
            ApproveRequest c => DecideApprove(state, c, context, batch),
            RejectRequest c => DecideReject(state, c, context, batch),
            FileAppeal c => DecideFileAppeal(state, c, context, batch),
            DecideAppeal c => DecideDecideAppeal(state, c, context, batch),
            LabelAutomaticLock c => DecideLabel(state, c, context, batch),
            RecordAuditVerdict c => DecideAuditVerdict(state, c, batch),
            _ => new DomainError(DomainErrorCode.InvalidArgument, $"Unknown command {command.GetType().Name}."),
        };

        return error is not null
            ? Decision.Fail(error.Code, error.Message)
            : Decision.Success(batch.Events, OutcomeBuilder.Build(command, batch.Events, batch.Version, state, context, code));
    }

    /// <summary>
    /// The outcome a command had, rebuilt from the events it wrote (for example when the store reports a
    /// duplicate idempotency key older than the state remembers). Marked <see cref="CommandOutcome.Replayed"/>;
    /// a recovery code is never in it.
    /// </summary>
    /// <param name="command">The repeated command.</param>
    /// <param name="events">The events the first command wrote, in order (at least one).</param>
    /// <param name="version">The seq of the last of them.</param>
    /// <param name="options">The rules' options (for tries left).</param>
    public static CommandOutcome OutcomeOf(AccountCommand command, IReadOnlyList<AccountEvent> events, long version, AccountRulesOptions options)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentOutOfRangeException.ThrowIfZero(events.Count);
        var context = new DecisionContext(events[^1].At, options, CryptoRandomSource.Instance);
        return OutcomeBuilder.Build(command, events, version, new AccountState(), context) with { Replayed = true };
    }

    private static RememberedCommand? FindRemembered(AccountState state, string key, in DecisionContext context)
    {
        var oldest = context.Now - context.Options.IdempotencyWindow;
        foreach (var r in state.Remembered)
        {
            if (r.Key == key && r.At > oldest)
            {
                return r;
            }
        }

        return null;
    }

    private static DomainError Error(DomainErrorCode code, string message) => new(code, message);
}

/// <summary>Checks on caller-supplied text.</summary>
internal static class Text
{
    public static string? Invalid(string? value, string name, bool required, int maxLength)
    {
        if (value is null)
        {
            return required ? $"The {name} is required." : null;
        }

        if (required && string.IsNullOrWhiteSpace(value))
        {
            return $"The {name} is required.";
        }

        return value.Length > maxLength ? $"The {name} is longer than {maxLength} characters." : null;
    }
}
