namespace AccountGrains.Domain;

/// <summary>
/// Builds a command's outcome from the events it wrote. Used for live decisions and for idempotent
/// repeats alike, so a repeat returns exactly the first result (except the recovery code, never stored).
/// </summary>
internal static class OutcomeBuilder
{
    public static CommandOutcome Build(AccountCommand command, IReadOnlyList<AccountEvent> events, long version, AccountState state, in DecisionContext context, string? code = null)
    {
        var now = context.Now;
        if (WorkflowOutcomes.TryBuild(command, events, version) is { } workflow)
        {
            return workflow;
        }

        switch (command)
        {
            case LockAccount:
                var placed = events.OfType<LockPlaced>().First();
                return new LockOutcome(version, placed.LockId, placed.ExpiresAt);
            case UnlockAccount:
                return new UnlockOutcome(version, LiftedIds(events));
            case ReportSignal:
                var signal = events.OfType<SignalRecorded>().First();
                var auto = events.OfType<LockPlaced>().FirstOrDefault();
                return new SignalOutcome(version, signal.Risk, auto?.LockId);
            case StartRecovery:
                var started = events.OfType<RecoveryStarted>().First();
                return new RecoveryStartedOutcome(version, started.AttemptId, code, started.ExpiresAt);
            case CompleteRecovery:
                return Completion(events, version, context.Options);
            case GrantVerification or RevokeVerification:
                return new VerificationOutcome(version, BadgeAfter(events) ?? state.Badge);
            case SetHighProfile c:
                return new HighProfileOutcome(version, events.OfType<HighProfileChanged>().FirstOrDefault()?.HighProfile ?? c.HighProfile);
            case ExpireDue:
                return new ExpiryOutcome(version, [.. events.OfType<LockExpired>().Select(e => e.LockId)], events.OfType<RecoveryAttemptExpired>().FirstOrDefault()?.AttemptId);
            default:
                throw new ArgumentException($"Unknown command {command.GetType().Name} at {now:O}.", nameof(command));
        }
    }

    /// <summary>Which command wrote a batch, told from its first event (for a key reused with another command).</summary>
    public static Operation OperationOf(AccountEvent first) => WorkflowOutcomes.OperationOf(first) ?? first switch
    {
        LockPlaced => Operation.Lock,
        LockLifted { Cause: LiftCause.Manual } => Operation.Unlock,
        LockLifted or RecoveryCodeRejected or RecoveryCompleted or SessionsRevoked => Operation.CompleteRecovery,
        SignalRecorded => Operation.ReportSignal,
        RecoveryStarted => Operation.StartRecovery,
        VerificationGranted => Operation.GrantVerification,
        VerificationRevoked => Operation.RevokeVerification,
        HighProfileChanged => Operation.SetHighProfile,
        _ => Operation.ExpireDue,
    };

    private static RecoveryCompletionOutcome Completion(IReadOnlyList<AccountEvent> events, long version, AccountRulesOptions options)
    {
        if (events.OfType<RecoveryCompleted>().Any())
        {
            return new RecoveryCompletionOutcome(version, RecoveryCompletionStatus.Completed, 0, LiftedIds(events));
        }

        var rejected = events.OfType<RecoveryCodeRejected>().First();
        return events.OfType<RecoveryAttemptBurned>().Any()
            ? new RecoveryCompletionOutcome(version, RecoveryCompletionStatus.AttemptBurned, 0, [])
            : new RecoveryCompletionOutcome(version, RecoveryCompletionStatus.WrongCode, Math.Max(0, options.RecoveryMaxFailedTries - rejected.FailedTries), []);
    }

    private static string[] LiftedIds(IReadOnlyList<AccountEvent> events) => [.. events.OfType<LockLifted>().Select(e => e.LockId)];

    private static VerificationBadge? BadgeAfter(IReadOnlyList<AccountEvent> events) => events.LastOrDefault() switch
    {
        VerificationGranted g => new VerificationBadge(BadgeStatus.Verified, g.Category, g.At, g.Actor),
        VerificationRevoked r => new VerificationBadge(BadgeStatus.Revoked, RevokedReason: r.RevocationReason),
        _ => null,
    };
}
