namespace AccountGrains.Domain;

public static partial class AccountDecider
{
    private static DomainError? DecideSignal(AccountState state, ReportSignal cmd, in DecisionContext context, EventBatch batch)
    {
        var options = context.Options;
        if (!Enum.IsDefined(cmd.Kind))
        {
            return Error(DomainErrorCode.InvalidArgument, "Unknown signal kind.");
        }

        if (Text.Invalid(cmd.DeviceId, "device id", required: false, options.MaxTextLength) is { } bad)
        {
            return Error(DomainErrorCode.InvalidArgument, bad);
        }

        var now = context.Now;
        var risk = state.RiskAt(now);
        var decaysAt = risk == RiskLevel.Low ? null : state.RiskDecaysAt;
        var kindName = Names.Of(cmd.Kind);
        switch (cmd.Kind)
        {
            case SignalKind.CredentialLeaked:
                batch.Add(new SignalRecorded(cmd.Kind, RiskLevel.High, cmd.DeviceId, now + options.RiskDecay), kindName);
                return null;
            case SignalKind.SimSwap:
                batch.Add(new SignalRecorded(cmd.Kind, RiskLevel.High, cmd.DeviceId, now + options.RiskDecay, SmsRefusedUntil: now + options.SimSwapSmsRefusal), kindName);
                return null;
            case SignalKind.SuspiciousLogin:
                var raised = risk == RiskLevel.High ? RiskLevel.High : risk + 1;
                batch.Add(new SignalRecorded(cmd.Kind, raised, cmd.DeviceId, now + options.RiskDecay), kindName);
                return null;
            case SignalKind.SuccessfulLogin:
                batch.Add(new SignalRecorded(cmd.Kind, risk, cmd.DeviceId, decaysAt, EvictedDeviceId: DeviceToEvict(state, cmd.DeviceId, options)), kindName);
                return null;
            case SignalKind.FailedLogin:
                DecideFailedLogin(state, cmd, context, batch, risk, decaysAt);
                return null;
            default:
                batch.Add(new SignalRecorded(cmd.Kind, risk, cmd.DeviceId, decaysAt), kindName);
                return null;
        }
    }

    private static string? DeviceToEvict(AccountState state, string? deviceId, AccountRulesOptions options)
    {
        var devices = state.Devices;
        return deviceId is not null && !state.IsKnownDevice(deviceId) && devices.Count >= options.MaxDevices ? devices[^1] : null;
    }

    // Counts this failure with those in the window; at the threshold, places the automatic lock unless one is in force.
    private static void DecideFailedLogin(AccountState state, ReportSignal cmd, in DecisionContext context, EventBatch batch, RiskLevel risk, DateTimeOffset? decaysAt)
    {
        var options = context.Options;
        var now = context.Now;
        var windowStart = now - options.BruteForceWindow;
        batch.Add(new SignalRecorded(cmd.Kind, risk, cmd.DeviceId, decaysAt, FailureWindowStart: windowStart), Names.Of(cmd.Kind));

        var failures = 1;
        foreach (var t in state.Failures)
        {
            if (t >= windowStart)
            {
                failures++;
            }
        }

        if (failures < options.BruteForceThreshold || state.Locks.Any(l => l.Reason == LockReason.BruteForce && l.IsActiveAt(now)))
        {
            return;
        }

        var trip = state.LastTripEndsAt is { } lastEnded && now - lastEnded < options.BruteForceDoublingResetAfter ? state.BruteForceTrips + 1 : 1;
        var duration = BruteForceDuration(trip, options);
        var reason = $"{failures} failed logins within {options.BruteForceWindow}";
        batch.Add(new LockPlaced(LockIdFor(batch.NextSeq), LockReason.BruteForce, now + duration, reason, trip, FirstLock: !state.IsLocked(now)), Names.Of(LockReason.BruteForce), Actor.System);
    }

    /// <summary>The length of the automatic lock on trip <paramref name="trip"/> (1-based): the base length doubled per earlier trip, capped.</summary>
    internal static TimeSpan BruteForceDuration(int trip, AccountRulesOptions options)
    {
        var duration = options.BruteForceLockDuration;
        for (var i = 1; i < trip && duration < options.BruteForceMaxLockDuration; i++)
        {
            duration += duration;
        }

        return duration < options.BruteForceMaxLockDuration ? duration : options.BruteForceMaxLockDuration;
    }
}
