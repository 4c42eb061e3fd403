using AccountGrains.Domain.Tests.Support;

namespace AccountGrains.Domain.Tests.Rules;

public sealed class LockTests
{
    [Fact]
    public void Lock_OnFreshAccount_PlacesLockAndVerifyDenies()
    {
        var account = new AccountHarness();

        var outcome = account.Ok<LockOutcome>(new LockAccount(Actors.Agent, LockReason.Compromised, Note: "ticket 42"));

        Assert.Equal("lock-1", outcome.LockId);
        Assert.Equal(1, outcome.Version);
        var placed = Assert.Single(account.State.ActiveLocks(account.Now));
        Assert.Equal(new AccountLock("lock-1", LockReason.Compromised, "integrity-console/agent-7", AccountHarness.Start, null, "ticket 42"), placed);
        Assert.Equal(VerifyDecision.Deny, account.Verify().Decision);
        Assert.Equal(VerifyReasons.Locked, account.Verify().Reasons);
    }

    [Fact]
    public void Lock_FreshAccount_IsActiveLowRiskVersionZero()
    {
        var state = new AccountState();

        var result = state.Verify(VerifyAction.Login, null, AccountHarness.Start);

        Assert.Equal(new VerifyResult(VerifyDecision.Allow, VerifyReasons.None, 0, null), result);
        Assert.Equal(RiskLevel.Low, state.RiskAt(AccountHarness.Start));
        Assert.Null(state.NextDeadline);
    }

    [Fact]
    public void NeverSeen_TheSharedEmptyState_ReadsAsAFreshOne_AndRefusesToBeFoldedOnto()
    {
        var shared = AccountState.NeverSeen;
        var placed = new LockPlaced("lock-1", LockReason.Compromised, null, null) { At = AccountHarness.Start, Actor = "integrity-console/agent-7" };

        Assert.True(shared.IsShared);
        Assert.False(new AccountState().IsShared);
        Assert.Equal(new AccountState().Verify(VerifyAction.Login, null, AccountHarness.Start), shared.Verify(VerifyAction.Login, null, AccountHarness.Start));
        Assert.Equal(AccountSnapshotSerializer.Serialize(new AccountState()), AccountSnapshotSerializer.Serialize(shared));
        Assert.Throws<InvalidOperationException>(() => shared.Apply(placed));
        Assert.Equal(0, shared.Version);
        Assert.Empty(shared.Locks);
    }

    [Fact]
    public void Lock_WithDuration_EndsAtReadTimeEvenBeforeTheTimerFires()
    {
        var account = new AccountHarness();
        account.Lock(LockReason.SuspiciousActivity, TimeSpan.FromHours(1));

        account.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(VerifyDecision.Deny, account.Verify().Decision);
        account.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(VerifyDecision.Allow, account.Verify().Decision);
        Assert.Single(account.State.Locks);
    }

    [Fact]
    public void Lock_BruteForceReasonFromCaller_IsInvalidArgument()
    {
        var account = new AccountHarness();

        account.Fails(new LockAccount(Actors.Agent, LockReason.BruteForce), DomainErrorCode.InvalidArgument);
    }

    [Fact]
    public void Lock_NonPositiveDuration_IsInvalidArgument()
    {
        var account = new AccountHarness();

        account.Fails(new LockAccount(Actors.Agent, LockReason.Compromised, TimeSpan.Zero), DomainErrorCode.InvalidArgument);
    }

    [Theory]
    [InlineData(LockReason.Impersonation)]
    [InlineData(LockReason.DeceptiveIdentity)]
    public void Lock_ImpersonationOnVerifiedAccount_RevokesBadge(LockReason reason)
    {
        var account = new AccountHarness();
        account.Ok<VerificationOutcome>(new GrantVerification(Actors.Agent, "journalist"));

        var decision = account.Run(new LockAccount(Actors.Agent, reason));

        Assert.Collection(decision.Events, e => Assert.IsType<LockPlaced>(e), e => Assert.Equal("lock-2", Assert.IsType<VerificationRevoked>(e).LockId));
        Assert.Equal(BadgeStatus.Revoked, account.State.Badge.Status);
    }

    [Fact]
    public void Lock_PolicyViolationOnVerifiedAccount_KeepsBadge()
    {
        var account = new AccountHarness();
        account.Ok<VerificationOutcome>(new GrantVerification(Actors.Agent, "journalist"));

        account.Lock(LockReason.PolicyViolation);

        Assert.Equal(BadgeStatus.Verified, account.State.Badge.Status);
    }

    [Fact]
    public void Lock_ByVendorOnHighProfile_IsAllowed()
    {
        var account = new AccountHarness();
        account.Ok<HighProfileOutcome>(new SetHighProfile(Actors.Admin, true));

        var outcome = account.Ok<LockOutcome>(new LockAccount(Actors.Vendor, LockReason.PolicyViolation));

        Assert.Equal("lock-2", outcome.LockId);
    }

    [Fact]
    public void Decide_NeverMutatesTheState()
    {
        var account = new AccountHarness();
        account.Lock(LockReason.Compromised);
        var before = AccountSnapshotSerializer.Serialize(account.State);

        var decision = AccountDecider.Decide(account.State, new UnlockAccount(Actors.Agent, UnlockScope.All), account.Context);

        Assert.Single(decision.Events);
        Assert.Equal(before, AccountSnapshotSerializer.Serialize(account.State));
    }
}
