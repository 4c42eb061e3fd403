using AccountGrains.Domain.Tests.Support;

namespace AccountGrains.Domain.Tests.Workflows;

public sealed class FeedbackLabelTests
{
    private static string TripBruteForce(AccountHarness account)
    {
        account.Signal(SignalKind.FailedLogin, times: account.Options.BruteForceThreshold);
        return account.State.Locks.Single(l => l.Reason == LockReason.BruteForce).LockId;
    }

    [Theory]
    [InlineData(FeedbackLabel.ConfirmedCompromise)]
    [InlineData(FeedbackLabel.FalsePositive)]
    public void Label_AnAutomaticLock_IsRecorded(FeedbackLabel label)
    {
        var account = new AccountHarness();
        var lockId = TripBruteForce(account);

        var outcome = account.Ok<LabelOutcome>(new LabelAutomaticLock(Actors.Agent, lockId, label, "checked the IPs"));

        Assert.Equal(LockReason.BruteForce, outcome.Rule);
        Assert.Equal(label, Assert.Single(account.State.AutomaticLocks).Label);
        var evt = Assert.IsType<AutomaticLockLabelled>(account.History[^1]);
        Assert.Equal(label, evt.Label);
        Assert.Equal(LockReason.BruteForce, evt.Rule);
    }

    [Fact]
    public void Label_AfterTheLockExpired_IsAllowed()
    {
        var account = new AccountHarness();
        var lockId = TripBruteForce(account);
        account.Advance(TimeSpan.FromHours(1));
        account.ExpireDue();

        account.Ok<LabelOutcome>(new LabelAutomaticLock(Actors.Agent, lockId, FeedbackLabel.FalsePositive));
    }

    [Fact]
    public void Label_Twice_IsRefused()
    {
        var account = new AccountHarness();
        var lockId = TripBruteForce(account);
        account.Ok<LabelOutcome>(new LabelAutomaticLock(Actors.Agent, lockId, FeedbackLabel.FalsePositive));

        account.Fails(new LabelAutomaticLock(Actors.Admin, lockId, FeedbackLabel.ConfirmedCompromise), DomainErrorCode.FailedPrecondition);
    }

    [Fact]
    public void Label_AManualLock_IsNotFound()
    {
        var account = new AccountHarness();
        var lockId = account.Lock(LockReason.Compromised);

        account.Fails(new LabelAutomaticLock(Actors.Agent, lockId, FeedbackLabel.FalsePositive), DomainErrorCode.NotFound);
    }

    [Theory]
    [InlineData(ActorRole.Vendor)]
    [InlineData(ActorRole.Platform)]
    [InlineData(ActorRole.Auditor)]
    public void Label_ByOtherRoles_IsDenied(ActorRole role)
    {
        var account = new AccountHarness();
        var lockId = TripBruteForce(account);

        account.Fails(new LabelAutomaticLock(new Actor("x", role, "p"), lockId, FeedbackLabel.FalsePositive), DomainErrorCode.PermissionDenied);
    }

    [Fact]
    public void Label_AnUnknownValue_IsInvalid()
    {
        var account = new AccountHarness();
        var lockId = TripBruteForce(account);

        account.Fails(new LabelAutomaticLock(Actors.Agent, lockId, (FeedbackLabel)0), DomainErrorCode.InvalidArgument);
    }
}
