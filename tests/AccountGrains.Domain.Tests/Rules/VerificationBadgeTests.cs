using AccountGrains.Domain.Tests.Support;

namespace AccountGrains.Domain.Tests.Rules;

public sealed class VerificationBadgeTests
{
    [Fact]
    public void GrantVerification_SetsVerifiedWithCategorySinceAndBy()
    {
        var account = new AccountHarness();

        var outcome = account.Ok<VerificationOutcome>(new GrantVerification(Actors.Agent, "government"));

        var expected = new VerificationBadge(BadgeStatus.Verified, "government", AccountHarness.Start, "integrity-console/agent-7");
        Assert.Equal(expected, outcome.Badge);
        Assert.Equal(expected, account.State.Badge);
    }

    [Fact]
    public void GrantVerification_SameCategoryAgain_WritesNothing()
    {
        var account = new AccountHarness();
        account.Ok<VerificationOutcome>(new GrantVerification(Actors.Agent, "government"));

        var decision = account.Run(new GrantVerification(Actors.Agent, "government"));

        Assert.Empty(decision.Events);
        Assert.Equal(BadgeStatus.Verified, Assert.IsType<VerificationOutcome>(decision.Outcome).Badge.Status);
    }

    [Fact]
    public void GrantVerification_WhileImpersonationLockIsActive_IsFailedPrecondition()
    {
        var account = new AccountHarness();
        account.Lock(LockReason.Impersonation);

        account.Fails(new GrantVerification(Actors.Agent, "government"), DomainErrorCode.FailedPrecondition);
    }

    [Fact]
    public void GrantVerification_ByVendor_IsPermissionDenied()
    {
        var account = new AccountHarness();

        account.Fails(new GrantVerification(Actors.Vendor, "government"), DomainErrorCode.PermissionDenied);
    }

    [Fact]
    public void RevokeVerification_SetsRevokedWithReason()
    {
        var account = new AccountHarness();
        account.Ok<VerificationOutcome>(new GrantVerification(Actors.Agent, "government"));

        var outcome = account.Ok<VerificationOutcome>(new RevokeVerification(Actors.Admin, "left office"));

        Assert.Equal(new VerificationBadge(BadgeStatus.Revoked, RevokedReason: "left office"), outcome.Badge);
    }

    [Fact]
    public void RevokeVerification_WhenUnverified_IsFailedPrecondition()
    {
        var account = new AccountHarness();

        account.Fails(new RevokeVerification(Actors.Agent, "no reason"), DomainErrorCode.FailedPrecondition);
    }

    [Fact]
    public void SetHighProfile_SameValue_WritesNothing_OnlyAdminMay()
    {
        var account = new AccountHarness();

        var decision = account.Run(new SetHighProfile(Actors.Admin, false));
        account.Fails(new SetHighProfile(Actors.Agent, true), DomainErrorCode.PermissionDenied);

        Assert.Empty(decision.Events);
        Assert.False(account.State.HighProfile);
    }
}
