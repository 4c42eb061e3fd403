using AccountGrains.Testing;

namespace AccountGrains.Domain.Tests.Support;

/// <summary>One account driven the way the grain drives it: decide, then apply the events; time from a manual clock.</summary>
internal sealed class AccountHarness(AccountRulesOptions? options = null, int seed = 42)
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public ManualTimeProvider Clock { get; } = new(Start);

    public AccountRulesOptions Options { get; } = options ?? AccountRulesOptions.Default;

    public IRandomSource Random { get; } = new SeededRandom(seed);

    public AccountState State { get; } = new();

    public List<AccountEvent> History { get; } = [];

    public DateTimeOffset Now => Clock.GetUtcNow();

    public DecisionContext Context => new(Now, Options, Random);

    public Decision Run(AccountCommand command)
    {
        var decision = AccountDecider.Decide(State, command, Context);
        foreach (var evt in decision.Events)
        {
            State.Apply(evt);
            History.Add(evt);
        }

        return decision;
    }

    public T Ok<T>(AccountCommand command)
        where T : CommandOutcome
    {
        var decision = Run(command);
        Assert.True(decision.IsSuccess, decision.Error?.Message);
        return Assert.IsType<T>(decision.Outcome);
    }

    public DomainError Fails(AccountCommand command, DomainErrorCode expected)
    {
        var decision = Run(command);
        Assert.False(decision.IsSuccess);
        Assert.Empty(decision.Events);
        Assert.Equal(expected, decision.Error!.Code);
        return decision.Error;
    }

    public void Advance(TimeSpan by) => Clock.Advance(by);

    public VerifyResult Verify(VerifyAction action = VerifyAction.Login, string? deviceId = null) => State.Verify(action, deviceId, Now);

    public ExpiryOutcome ExpireDue() => Ok<ExpiryOutcome>(Domain.ExpireDue.FromTimer);

    public string Lock(LockReason reason, TimeSpan? duration = null) =>
        Ok<LockOutcome>(new LockAccount(Actors.Agent, reason, duration)).LockId;

    public void Signal(SignalKind kind, string? deviceId = null, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            Ok<SignalOutcome>(new ReportSignal(Actors.Platform, kind, deviceId));
        }
    }

    public RecoveryStartedOutcome StartRecovery(RecoveryChannel channel = RecoveryChannel.Email) =>
        Ok<RecoveryStartedOutcome>(new StartRecovery(Actors.Recovery, channel));
}
