using AccountGrains.Domain.Tests.Support;

namespace AccountGrains.Domain.Tests.Rules;

public sealed class IdempotencyTests
{
    [Fact]
    public void Lock_SameKey_ReturnsTheFirstResultAndWritesNothing()
    {
        var account = new AccountHarness();
        var command = new LockAccount(Actors.Agent, LockReason.Compromised, TimeSpan.FromHours(2)) { IdempotencyKey = "k-1" };
        var first = account.Ok<LockOutcome>(command);
        account.Advance(TimeSpan.FromMinutes(5));
        account.Signal(SignalKind.SuccessfulLogin);

        var again = account.Run(command);

        Assert.Empty(again.Events);
        Assert.Equal(first with { Replayed = true }, again.Outcome);
        Assert.Single(account.State.Locks);
    }

    [Fact]
    public void Lock_SameKeyAfterTheWindow_IsDecidedAgain()
    {
        var account = new AccountHarness();
        var command = new LockAccount(Actors.Agent, LockReason.Compromised) { IdempotencyKey = "k-1" };
        account.Ok<LockOutcome>(command);
        account.Advance(TimeSpan.FromHours(24));

        var again = account.Ok<LockOutcome>(command);

        Assert.False(again.Replayed);
        Assert.Equal(2, account.State.Locks.Count);
    }

    [Fact]
    public void StartRecovery_SameKey_ReturnsTheAttemptWithoutTheCode()
    {
        var account = new AccountHarness();
        var command = new StartRecovery(Actors.Recovery, RecoveryChannel.Email) { IdempotencyKey = "r-1" };
        var first = account.Ok<RecoveryStartedOutcome>(command);

        var again = account.Ok<RecoveryStartedOutcome>(command);

        Assert.Equal(first with { Code = null, Replayed = true }, again);
        Assert.Single(account.History);
    }

    [Fact]
    public void Unlock_SameKey_ReturnsTheSameLiftedLocks()
    {
        var account = new AccountHarness();
        var lockId = account.Lock(LockReason.Compromised);
        var command = new UnlockAccount(Actors.Agent, UnlockScope.All) { IdempotencyKey = "u-1" };
        account.Ok<UnlockOutcome>(command);

        var again = account.Ok<UnlockOutcome>(command);

        Assert.True(again.Replayed);
        Assert.Equal([lockId], again.LiftedLockIds);
    }

    [Fact]
    public void Keys_OnlyTheNewestSixteenAreRemembered()
    {
        var account = new AccountHarness();
        for (var i = 0; i < 17; i++)
        {
            account.Ok<LockOutcome>(new LockAccount(Actors.Agent, LockReason.UserRequested) { IdempotencyKey = $"k-{i}" });
        }

        var oldest = account.Ok<LockOutcome>(new LockAccount(Actors.Agent, LockReason.UserRequested) { IdempotencyKey = "k-0" });
        var newest = account.Ok<LockOutcome>(new LockAccount(Actors.Agent, LockReason.UserRequested) { IdempotencyKey = "k-16" });

        Assert.False(oldest.Replayed);
        Assert.True(newest.Replayed);
    }

    [Fact]
    public void Key_IsWrittenOnEveryEventOfTheCommand()
    {
        var account = new AccountHarness();
        account.Ok<VerificationOutcome>(new GrantVerification(Actors.Agent, "journalist"));

        var decision = account.Run(new LockAccount(Actors.Agent, LockReason.Impersonation) { IdempotencyKey = "k-9" });

        Assert.Equal(2, decision.Events.Count);
        Assert.All(decision.Events, e => Assert.Equal("k-9", e.IdempotencyKey));
    }

    [Fact]
    public void Key_ReusedForAnotherCommand_IsInvalidArgument()
    {
        var account = new AccountHarness();
        account.Ok<LockOutcome>(new LockAccount(Actors.Agent, LockReason.Compromised) { IdempotencyKey = "k-1" });

        account.Fails(new UnlockAccount(Actors.Agent, UnlockScope.All) { IdempotencyKey = "k-1" }, DomainErrorCode.InvalidArgument);

        Assert.True(account.State.IsLocked(account.Now));
    }

    [Fact]
    public void OutcomeOf_StoredEvents_RebuildsTheFirstResult()
    {
        var account = new AccountHarness();
        account.Lock(LockReason.Compromised);
        var command = new UnlockAccount(Actors.Agent, UnlockScope.All) { IdempotencyKey = "u-1" };
        var first = account.Ok<UnlockOutcome>(command);

        var rebuilt = AccountDecider.OutcomeOf(command, account.History.Skip(1).ToList(), account.State.Version, account.Options);

        Assert.Equal(first.LiftedLockIds, Assert.IsType<UnlockOutcome>(rebuilt).LiftedLockIds);
        Assert.Equal((first.Version, true), (rebuilt.Version, rebuilt.Replayed));
    }
}
