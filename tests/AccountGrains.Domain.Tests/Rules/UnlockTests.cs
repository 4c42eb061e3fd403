using AccountGrains.Domain.Tests.Support;

namespace AccountGrains.Domain.Tests.Rules;

public sealed class UnlockTests
{
    [Fact]
    public void Unlock_ById_LiftsOnlyThatLock()
    {
        var account = new AccountHarness();
        var first = account.Lock(LockReason.Compromised);
        var second = account.Lock(LockReason.PolicyViolation);

        var outcome = account.Ok<UnlockOutcome>(new UnlockAccount(Actors.Agent, UnlockScope.ById, LockId: first, Note: "owner confirmed"));

        Assert.Equal([first], outcome.LiftedLockIds);
        Assert.Equal(second, Assert.Single(account.State.ActiveLocks(account.Now)).LockId);
        var lifted = Assert.IsType<LockLifted>(account.History[^1]);
        Assert.Equal(LiftCause.Manual, lifted.Cause);
        Assert.Equal("owner confirmed", lifted.Reason);
    }

    [Fact]
    public void Unlock_ByUnknownId_IsNotFound()
    {
        var account = new AccountHarness();
        account.Lock(LockReason.Compromised);

        account.Fails(new UnlockAccount(Actors.Agent, UnlockScope.ById, LockId: "lock-99"), DomainErrorCode.NotFound);
    }

    [Fact]
    public void Unlock_ByReason_LiftsEveryLockWithThatReason()
    {
        var account = new AccountHarness();
        var a = account.Lock(LockReason.Compromised);
        account.Lock(LockReason.UserRequested);
        var c = account.Lock(LockReason.Compromised);

        var outcome = account.Ok<UnlockOutcome>(new UnlockAccount(Actors.Agent, UnlockScope.ByReason, LockReason: LockReason.Compromised));

        Assert.Equal([a, c], outcome.LiftedLockIds);
        Assert.True(account.State.IsLocked(account.Now));
    }

    [Fact]
    public void Unlock_All_UnlocksTheAccount()
    {
        var account = new AccountHarness();
        account.Lock(LockReason.Compromised);
        account.Lock(LockReason.PolicyViolation); // an identity lock would need a second person (DualControlTests)

        var outcome = account.Ok<UnlockOutcome>(new UnlockAccount(Actors.Admin, UnlockScope.All));

        Assert.Equal(2, outcome.LiftedLockIds.Count);
        Assert.Equal(VerifyDecision.Allow, account.Verify().Decision);
    }

    [Fact]
    public void Unlock_AllWhenNotLocked_SucceedsAndWritesNothing()
    {
        var account = new AccountHarness();

        var decision = account.Run(new UnlockAccount(Actors.Agent, UnlockScope.All));

        Assert.True(decision.IsSuccess);
        Assert.Empty(decision.Events);
        Assert.Equal(0, decision.Outcome!.Version);
    }

    [Fact]
    public void Unlock_WhenHighProfileAndVendor_IsDenied()
    {
        var account = new AccountHarness();
        account.Ok<HighProfileOutcome>(new SetHighProfile(Actors.Admin, true));
        var lockId = account.Lock(LockReason.Compromised);

        account.Fails(new UnlockAccount(Actors.Vendor, UnlockScope.ById, LockId: lockId), DomainErrorCode.PermissionDenied);

        Assert.True(account.State.IsLocked(account.Now));
    }

    [Fact]
    public void Unlock_WhenHighProfileAndAgentWithDualControlOff_IsAllowed()
    {
        var account = new AccountHarness(new AccountRulesOptions { DualControl = new DualControlOptions { HighProfileUnlock = false } });
        account.Ok<HighProfileOutcome>(new SetHighProfile(Actors.Admin, true));
        account.Lock(LockReason.Compromised);

        account.Ok<UnlockOutcome>(new UnlockAccount(Actors.Agent, UnlockScope.All));

        Assert.False(account.State.IsLocked(account.Now));
    }

    [Fact]
    public void Unlock_WhenNotHighProfileAndVendor_IsAllowed()
    {
        var account = new AccountHarness();
        account.Lock(LockReason.Compromised);

        var outcome = account.Ok<UnlockOutcome>(new UnlockAccount(Actors.Vendor, UnlockScope.All));

        Assert.Single(outcome.LiftedLockIds);
    }

    [Fact]
    public void Unlock_ByRecoveryRole_IsDenied()
    {
        var account = new AccountHarness();
        account.Lock(LockReason.Compromised);

        account.Fails(new UnlockAccount(Actors.Recovery, UnlockScope.All), DomainErrorCode.PermissionDenied);
    }
}
