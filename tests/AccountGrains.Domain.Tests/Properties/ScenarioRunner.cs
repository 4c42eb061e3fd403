using System.Text;
using AccountGrains.Domain.Tests.Support;

namespace AccountGrains.Domain.Tests.Properties;

/// <summary>
/// Runs a scenario the way the grain would (decide, persist through the serializer, apply) and checks
/// every invariant after every command; at the end, replays the persisted history and compares.
/// </summary>
internal sealed class ScenarioRunner(Scenario scenario)
{
    private static readonly ActorRole[] CallerRoles = [ActorRole.Platform, ActorRole.Recovery, ActorRole.Agent, ActorRole.Vendor, ActorRole.Admin];
    private static readonly AccountRulesOptions Options = AccountRulesOptions.Default;

    private readonly SeededRandom _random = new(scenario.Seed);
    private readonly AccountState _state = new();
    private readonly List<(string Type, byte[] Payload, DateTimeOffset At, string Actor, string? Reason)> _stored = [];
    private readonly Dictionary<string, string> _codes = [];
    private readonly List<DateTimeOffset> _recoveryStarts = [];
    private readonly List<(string Key, DateTimeOffset At, Operation Operation)> _keyed = [];
    private DateTimeOffset _now = AccountHarness.Start;

    public void Run()
    {
        foreach (var step in scenario.Steps)
        {
            // A recovery flow completes within minutes of starting; other steps take the generated time.
            var completes = step.Kind is StepKind.CompleteWithRightCode or StepKind.CompleteWithWrongCode or StepKind.CompleteStaleAttempt;
            _now += completes ? TimeSpan.FromSeconds(step.Delta.TotalSeconds % 300) : step.Delta;
            var repeat = step.Kind switch
            {
                StepKind.FailedLogins => 1 + step.N,
                StepKind.CompleteWithWrongCode => 1 + (step.N % 6),
                _ => 1,
            };
            for (var i = 0; i < repeat; i++)
            {
                Execute(Build(step) with { IdempotencyKey = step.Key });
                _now += TimeSpan.FromSeconds(1);
            }
        }

        CheckHistory();
    }

    private void Execute(AccountCommand command)
    {
        var before = AccountSnapshotSerializer.Serialize(_state);
        var wasHighProfile = _state.HighProfile;
        var activeBefore = _state.ActiveLocks(_now);

        var decision = AccountDecider.Decide(_state, command, new DecisionContext(_now, Options, _random));

        Assert.Equal(before, AccountSnapshotSerializer.Serialize(_state));
        CheckIdempotency(command, decision);
        if (!decision.IsSuccess || decision.Outcome!.Replayed)
        {
            Assert.Empty(decision.Events);
            return;
        }

        Assert.Equal(_state.Version + decision.Events.Count, decision.Outcome!.Version);
        foreach (var evt in decision.Events)
        {
            CheckEvent(command, evt, wasHighProfile);
            Persist(evt);
            _state.Apply(evt);
        }

        Assert.Equal(decision.Outcome.Version, _state.Version);
        if (decision.Outcome is RecoveryStartedOutcome { Code: { } code } started)
        {
            _codes[started.AttemptId] = code;
        }

        if (decision.Outcome is RecoveryCompletionOutcome { Status: RecoveryCompletionStatus.Completed })
        {
            var kept = activeBefore.Where(l => !LockReasons.IsLiftedByRecovery(l.Reason)).Select(l => l.LockId);
            Assert.Subset(_state.ActiveLocks(_now).Select(l => l.LockId).ToHashSet(), kept.ToHashSet());
        }

        if (command.IdempotencyKey is { } key && decision.Events.Count > 0)
        {
            _keyed.Add((key, _now, command.Operation));
        }

        CheckVerify(_now);
        CheckVerify(_now + TimeSpan.FromMinutes(14));
    }

    private void CheckIdempotency(AccountCommand command, Decision decision)
    {
        var remembered = _keyed.TakeLast(AccountState.MaxRememberedKeys)
            .Where(k => k.Key == command.IdempotencyKey && k.At > _now - Options.IdempotencyWindow)
            .Select(k => (Operation?)k.Operation)
            .FirstOrDefault();
        if (remembered is { } operation && Permissions.IsAllowed(command.Actor.Role, command.Operation))
        {
            Assert.Empty(decision.Events);
            if (operation == command.Operation)
            {
                Assert.True(decision.Outcome?.Replayed, $"A repeat of key {command.IdempotencyKey} was decided again.");
            }
            else
            {
                Assert.Equal(DomainErrorCode.InvalidArgument, decision.Error?.Code);
            }
        }
        else
        {
            Assert.False(decision.Outcome?.Replayed ?? false);
        }
    }

    private void CheckEvent(AccountCommand command, AccountEvent evt, bool wasHighProfile)
    {
        Assert.Equal(_now, evt.At);
        switch (evt)
        {
            case LockLifted { Cause: LiftCause.Recovery } lifted:
                Assert.True(LockReasons.IsLiftedByRecovery(lifted.LockReason), $"Recovery lifted a {lifted.LockReason} lock.");
                break;
            case LockLifted { Cause: LiftCause.Manual }:
                Assert.False(command.Actor.Role == ActorRole.Vendor && wasHighProfile, "A vendor unlocked a high-profile account.");
                break;
            case RecoveryStarted:
                _recoveryStarts.Add(_now);
                Assert.True(_recoveryStarts.Count(t => t > _now - TimeSpan.FromHours(24)) <= 3, "More than 3 recovery attempts in 24 h.");
                break;
            default:
                break;
        }
    }

    private void CheckVerify(DateTimeOffset at)
    {
        var locked = _state.Locks.Any(l => l.ExpiresAt is null || l.ExpiresAt > at);
        Assert.Equal(locked, _state.Verify(VerifyAction.Login, "device-1", at).Decision == VerifyDecision.Deny);
        Assert.Equal(locked, _state.Verify(VerifyAction.SensitiveAction, null, at).Decision == VerifyDecision.Deny);
        Assert.NotEqual(VerifyDecision.Deny, _state.Verify(VerifyAction.Recover, null, at).Decision);
    }

    private void Persist(AccountEvent evt) =>
        _stored.Add((AccountEventSerializer.TypeOf(evt), AccountEventSerializer.SerializePayload(evt), evt.At, evt.Actor, evt.Reason));

    private void CheckHistory()
    {
        Assert.Equal(_stored.Count, _state.Version);
        var history = _stored.Select(s => AccountEventSerializer.Deserialize(s.Type, s.Payload, s.At, s.Actor, s.Reason)).ToList();
        var live = AccountSnapshotSerializer.Serialize(_state);

        Assert.Equal(live, AccountSnapshotSerializer.Serialize(AccountState.Replay(history)));
        Assert.Equal(live, AccountSnapshotSerializer.Serialize(AccountSnapshotSerializer.Deserialize(live)));

        var texts = _stored.Select(s => Encoding.UTF8.GetString(s.Payload))
            .Concat(history.Select(e => Encoding.UTF8.GetString(AccountEventSerializer.RenderPublic(e))))
            .Append(Encoding.UTF8.GetString(live))
            .ToList();
        foreach (var code in _codes.Values)
        {
            Assert.DoesNotContain(texts, t => t.Contains($"\"{code}\"", StringComparison.Ordinal));
        }

        foreach (var evt in history)
        {
            var rendering = Encoding.UTF8.GetString(AccountEventSerializer.RenderPublic(evt));
            Assert.DoesNotContain("codeHash", rendering, StringComparison.Ordinal);
            Assert.DoesNotContain("salt", rendering, StringComparison.Ordinal);
        }
    }

    private AccountCommand Build(Step step)
    {
        var actor = Actors.For(PickRole(step));
        var n = step.N;
        var attempt = _state.OpenAttempt?.AttemptId ?? "no-attempt";
        return step.Kind switch
        {
            StepKind.Lock => new LockAccount(actor, Reason(n), n % 4 == 0 ? null : TimeSpan.FromMinutes(5 * n * n), n % 3 == 0 ? "note" : null),
            StepKind.UnlockById => new UnlockAccount(actor, UnlockScope.ById, LockId: _state.Locks.Count > 0 ? _state.Locks[n % _state.Locks.Count].LockId : "lock-1"),
            StepKind.UnlockByReason => new UnlockAccount(actor, UnlockScope.ByReason, LockReason: Reason(n)),
            StepKind.UnlockAll => new UnlockAccount(actor, UnlockScope.All),
            StepKind.FailedLogins => new ReportSignal(actor, SignalKind.FailedLogin, $"device-{n}"),
            StepKind.SuccessfulLogin => new ReportSignal(actor, SignalKind.SuccessfulLogin, n == 11 ? null : $"device-{n}"),
            StepKind.CredentialLeaked => new ReportSignal(actor, SignalKind.CredentialLeaked),
            StepKind.SimSwap => new ReportSignal(actor, SignalKind.SimSwap),
            StepKind.SuspiciousLogin => new ReportSignal(actor, SignalKind.SuspiciousLogin, $"device-{n}"),
            StepKind.CredentialReset => new ReportSignal(actor, SignalKind.CredentialReset),
            StepKind.StartRecovery => new StartRecovery(actor, (RecoveryChannel)(1 + (n % 4))),
            StepKind.CompleteWithRightCode => new CompleteRecovery(actor, attempt, _codes.GetValueOrDefault(attempt, "123456")),
            StepKind.CompleteWithWrongCode => new CompleteRecovery(actor, attempt, "1234567"),
            StepKind.CompleteStaleAttempt => new CompleteRecovery(actor, _codes.Keys.FirstOrDefault() ?? "stale", _codes.Values.FirstOrDefault() ?? "123456"),
            StepKind.GrantVerification => new GrantVerification(actor, n % 2 == 0 ? "journalist" : "government"),
            StepKind.RevokeVerification => new RevokeVerification(actor, "review"),
            StepKind.HighProfileOn => new SetHighProfile(actor, true),
            StepKind.HighProfileOff => new SetHighProfile(actor, false),
            _ => new ExpireDue(Actor.System),
        };
    }

    private static LockReason Reason(int n) => (LockReason)(1 + (n % 7));

    private static ActorRole PickRole(Step step)
    {
        if (step.RoleChoice >= 7)
        {
            return CallerRoles[(step.RoleChoice + step.N) % CallerRoles.Length];
        }

        ActorRole[] allowed = step.Kind switch
        {
            StepKind.Lock => [ActorRole.Platform, ActorRole.Agent, ActorRole.Vendor, ActorRole.Admin],
            StepKind.UnlockById or StepKind.UnlockByReason or StepKind.UnlockAll => [ActorRole.Agent, ActorRole.Vendor, ActorRole.Admin],
            StepKind.StartRecovery or StepKind.CompleteWithRightCode or StepKind.CompleteWithWrongCode or StepKind.CompleteStaleAttempt => [ActorRole.Recovery, ActorRole.Admin],
            StepKind.GrantVerification or StepKind.RevokeVerification => [ActorRole.Agent, ActorRole.Admin],
            StepKind.HighProfileOn or StepKind.HighProfileOff => [ActorRole.Admin],
            StepKind.Timer => [ActorRole.System],
            _ => [ActorRole.Platform, ActorRole.Agent, ActorRole.Admin],
        };
        return allowed[step.RoleChoice % allowed.Length];
    }
}
