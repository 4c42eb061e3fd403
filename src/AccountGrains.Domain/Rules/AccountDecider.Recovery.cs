namespace AccountGrains.Domain;

public static partial class AccountDecider
{
    private static DomainError? DecideStartRecovery(AccountState state, StartRecovery cmd, in DecisionContext context, EventBatch batch, out string? code)
    {
        code = null;
        var options = context.Options;
        var now = context.Now;
        if (!Enum.IsDefined(cmd.Channel))
        {
            return Error(DomainErrorCode.InvalidArgument, "Unknown recovery channel.");
        }

        if (cmd.Channel is RecoveryChannel.Sms or RecoveryChannel.Voice && state.SmsRefusedUntil is { } refusedUntil && refusedUntil > now)
        {
            return Error(DomainErrorCode.FailedPrecondition, $"The phone number changed SIM recently; {Names.Of(cmd.Channel)} recovery is refused until {refusedUntil:O}.");
        }

        var status = state.GetRecoveryStatus(now, options);
        if (status.CooldownUntil is { } cooldown)
        {
            return Error(DomainErrorCode.ResourceExhausted, $"At most {options.RecoveryMaxAttempts} recovery attempts per {options.RecoveryWindow}; the next may start at {cooldown:O}.");
        }

        code = RecoveryCodes.NewCode(context.Random, options.RecoveryCodeDigits);
        var salt = RecoveryCodes.NewSalt(context.Random);
        var attemptId = RecoveryCodes.NewAttemptId(context.Random);
        batch.Add(
            new RecoveryStarted(attemptId, cmd.Channel, RecoveryCodes.Hash(code, salt), salt, now + options.RecoveryCodeLifetime, now - options.RecoveryWindow, state.OpenAttempt?.AttemptId),
            Names.Of(cmd.Channel));
        return null;
    }

    private static DomainError? DecideCompleteRecovery(AccountState state, CompleteRecovery cmd, in DecisionContext context, EventBatch batch)
    {
        var options = context.Options;
        var now = context.Now;
        if ((Text.Invalid(cmd.AttemptId, "attempt id", required: true, options.MaxTextLength)
            ?? Text.Invalid(cmd.Code, "code", required: true, options.MaxTextLength)) is { } bad)
        {
            return Error(DomainErrorCode.InvalidArgument, bad);
        }

        if (state.OpenAttempt is not { } attempt || !string.Equals(attempt.AttemptId, cmd.AttemptId, StringComparison.Ordinal))
        {
            return Error(DomainErrorCode.NotFound, "No open recovery attempt with that id.");
        }

        if (attempt.ExpiresAt <= now)
        {
            return Error(DomainErrorCode.FailedPrecondition, "The recovery code has expired; start a new attempt.");
        }

        if (!RecoveryCodes.Matches(cmd.Code, attempt.Salt, attempt.CodeHash))
        {
            var failed = attempt.FailedTries + 1;
            batch.Add(new RecoveryCodeRejected(attempt.AttemptId, failed), "wrong code");
            if (failed >= options.RecoveryMaxFailedTries)
            {
                batch.Add(new RecoveryAttemptBurned(attempt.AttemptId), "too many wrong codes");
            }

            return null;
        }

        LiftAll(state, now, batch, l => LockReasons.IsLiftedByRecovery(l.Reason), LiftCause.Recovery, "recovery");
        batch.Add(new RecoveryCompleted(attempt.AttemptId), "recovery");
        batch.Add(new SessionsRevoked(now), "recovery");
        return null;
    }
}
