using AccountGrains.Domain.Tests.Support;

namespace AccountGrains.Domain.Tests.Workflows;

public sealed class AppealTests
{
    [Fact]
    public void FileAppeal_ByPlatform_OpensAnAppeal()
    {
        var account = new AccountHarness();
        var lockId = account.Lock(LockReason.PolicyViolation);

        var filed = account.Ok<AppealFiledOutcome>(new FileAppeal(Actors.Platform, lockId, "I did not post that"));

        var appeal = Assert.Single(account.State.OpenAppeals);
        Assert.Equal(filed.Appeal, appeal);
        Assert.Equal(lockId, appeal.LockId);
        Assert.Equal("login-service", appeal.FiledBy);
        Assert.Equal("I did not post that", appeal.Statement);
    }

    [Fact]
    public void FileAppeal_ASecondOpenAppealOnTheSameLock_IsRefused()
    {
        var account = new AccountHarness();
        var lockId = account.Lock(LockReason.PolicyViolation);
        account.Ok<AppealFiledOutcome>(new FileAppeal(Actors.Platform, lockId, "one"));

        account.Fails(new FileAppeal(Actors.Platform, lockId, "two"), DomainErrorCode.FailedPrecondition);
    }

    [Fact]
    public void FileAppeal_OnAnotherLock_IsAllowed_AndAfterADecisionAgain()
    {
        var account = new AccountHarness();
        var a = account.Lock(LockReason.PolicyViolation);
        var b = account.Lock(LockReason.Compromised);
        var first = account.Ok<AppealFiledOutcome>(new FileAppeal(Actors.Platform, a, "one")).Appeal;
        account.Ok<AppealFiledOutcome>(new FileAppeal(Actors.Platform, b, "two"));
        account.Ok<AppealDecidedOutcome>(new DecideAppeal(Actors.Agent, first.AppealId, AppealDecision.Upheld, "evidence"));

        account.Ok<AppealFiledOutcome>(new FileAppeal(Actors.Platform, a, "three"));

        Assert.Equal(2, account.State.OpenAppeals.Count);
    }

    [Theory]
    [InlineData(ActorRole.Agent)]
    [InlineData(ActorRole.Vendor)]
    [InlineData(ActorRole.Recovery)]
    [InlineData(ActorRole.Auditor)]
    public void FileAppeal_ByOtherRoles_IsDenied(ActorRole role)
    {
        var account = new AccountHarness();
        var lockId = account.Lock(LockReason.PolicyViolation);

        account.Fails(new FileAppeal(new Actor("x", role, "p"), lockId, "s"), DomainErrorCode.PermissionDenied);
    }

    [Fact]
    public void FileAppeal_OnAMissingOrEndedLock_IsNotFound_AndAStatementIsRequired()
    {
        var account = new AccountHarness();
        var lockId = account.Lock(LockReason.PolicyViolation, TimeSpan.FromMinutes(5));

        account.Fails(new FileAppeal(Actors.Platform, lockId, " "), DomainErrorCode.InvalidArgument);
        account.Fails(new FileAppeal(Actors.Platform, "lock-999", "s"), DomainErrorCode.NotFound);
        account.Advance(TimeSpan.FromMinutes(5));
        account.Fails(new FileAppeal(Actors.Platform, lockId, "s"), DomainErrorCode.NotFound);
    }

    [Fact]
    public void DecideAppeal_Overturned_LiftsExactlyThatLock()
    {
        var account = new AccountHarness();
        var other = account.Lock(LockReason.Compromised);
        var contested = account.Lock(LockReason.PolicyViolation);
        var appeal = account.Ok<AppealFiledOutcome>(new FileAppeal(Actors.Platform, contested, "not me")).Appeal;

        var decided = account.Ok<AppealDecidedOutcome>(new DecideAppeal(Actors.Agent, appeal.AppealId, AppealDecision.Overturned, "mistaken identity"));

        Assert.Equal([contested], decided.LiftedLockIds);
        Assert.Equal([other], account.State.ActiveLocks(account.Now).Select(l => l.LockId));
        Assert.Empty(account.State.OpenAppeals);
        var lifted = Assert.IsType<LockLifted>(account.History[^1]);
        Assert.Equal(LiftCause.Appeal, lifted.Cause);
        Assert.False(lifted.LastLock);
    }

    [Fact]
    public void DecideAppeal_Upheld_KeepsTheLock()
    {
        var account = new AccountHarness();
        var lockId = account.Lock(LockReason.PolicyViolation);
        var appeal = account.Ok<AppealFiledOutcome>(new FileAppeal(Actors.Platform, lockId, "not me")).Appeal;

        var decided = account.Ok<AppealDecidedOutcome>(new DecideAppeal(Actors.Agent, appeal.AppealId, AppealDecision.Upheld, "clear evidence"));

        Assert.Empty(decided.LiftedLockIds);
        Assert.True(account.State.IsLocked(account.Now));
        account.Fails(new DecideAppeal(Actors.Agent, appeal.AppealId, AppealDecision.Overturned, "again"), DomainErrorCode.NotFound);
    }

    [Fact]
    public void DecideAppeal_ByVendorOrPlatform_IsDenied_AndAReasonIsRequired()
    {
        var account = new AccountHarness();
        var appeal = account.Ok<AppealFiledOutcome>(new FileAppeal(Actors.Platform, account.Lock(LockReason.PolicyViolation), "s")).Appeal;

        account.Fails(new DecideAppeal(Actors.Vendor, appeal.AppealId, AppealDecision.Overturned, "r"), DomainErrorCode.PermissionDenied);
        account.Fails(new DecideAppeal(Actors.Platform, appeal.AppealId, AppealDecision.Overturned, "r"), DomainErrorCode.PermissionDenied);
        account.Fails(new DecideAppeal(Actors.Agent, appeal.AppealId, AppealDecision.Overturned, ""), DomainErrorCode.InvalidArgument);
        account.Fails(new DecideAppeal(Actors.Agent, appeal.AppealId, (AppealDecision)9, "r"), DomainErrorCode.InvalidArgument);
    }
}
