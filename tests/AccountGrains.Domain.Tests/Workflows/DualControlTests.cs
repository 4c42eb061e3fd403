using AccountGrains.Domain.Tests.Support;

namespace AccountGrains.Domain.Tests.Workflows;

public sealed class DualControlTests
{
    private static readonly Actor Agent8 = new("integrity-console", ActorRole.Agent, "agent-8");
    private static readonly Actor SameAgentOtherTool = new("bulk-tool", ActorRole.Agent, "agent-7");

    [Fact]
    public void Unlock_IdentityLock_OpensARequestAndLiftsNothing()
    {
        var account = new AccountHarness();
        var lockId = account.Lock(LockReason.Impersonation);

        var opened = account.Ok<RequestOpenedOutcome>(new UnlockAccount(Actors.Agent, UnlockScope.ById, lockId, Note: "ticket 9"));

        Assert.True(account.State.IsLocked(account.Now));
        var request = Assert.Single(account.State.PendingRequests);
        Assert.Equal(opened.Request, request);
        Assert.Equal(DualControlAction.Unlock, request.Action);
        Assert.Equal("agent-7", request.Requester);
        Assert.Equal("integrity-console/agent-7", request.RequestedBy);
        Assert.Equal("ticket 9", request.Reason);
        Assert.Equal(account.Now + TimeSpan.FromHours(24), request.ExpiresAt);
        Assert.Equal([lockId], request.LockIds!);
        Assert.IsType<DualControlRequested>(Assert.Single(account.History, e => e is DualControlRequested));
    }

    [Theory]
    [InlineData(LockReason.DeceptiveIdentity)]
    [InlineData(LockReason.Impersonation)]
    public void Approve_ByAnotherAgent_LiftsTheLock(LockReason reason)
    {
        var account = new AccountHarness();
        var lockId = account.Lock(reason);
        var request = account.Ok<RequestOpenedOutcome>(new UnlockAccount(Actors.Agent, UnlockScope.ById, lockId)).Request;

        var answered = account.Ok<RequestAnsweredOutcome>(new ApproveRequest(Agent8, request.RequestId, "checked"));

        Assert.True(answered.Approved);
        Assert.Equal([lockId], answered.LiftedLockIds);
        Assert.False(account.State.IsLocked(account.Now));
        Assert.Empty(account.State.PendingRequests);
        var lifted = Assert.IsType<LockLifted>(account.History[^1]);
        Assert.Equal("integrity-console/agent-8", lifted.Actor);
        Assert.True(lifted.LastLock);
    }

    [Fact]
    public void Approve_ByAdmin_IsAllowed()
    {
        var account = new AccountHarness();
        var request = account.Ok<RequestOpenedOutcome>(new UnlockAccount(Actors.Agent, UnlockScope.ById, account.Lock(LockReason.Impersonation))).Request;

        Assert.True(account.Ok<RequestAnsweredOutcome>(new ApproveRequest(Actors.Admin, request.RequestId)).Approved);
    }

    [Fact]
    public void Approve_OwnRequest_IsDenied_EvenThroughAnotherKey()
    {
        var account = new AccountHarness();
        var request = account.Ok<RequestOpenedOutcome>(new UnlockAccount(Actors.Agent, UnlockScope.ById, account.Lock(LockReason.Impersonation))).Request;

        account.Fails(new ApproveRequest(Actors.Agent, request.RequestId), DomainErrorCode.PermissionDenied);
        account.Fails(new ApproveRequest(SameAgentOtherTool, request.RequestId), DomainErrorCode.PermissionDenied);
        account.Fails(new RejectRequest(Actors.Agent, request.RequestId), DomainErrorCode.PermissionDenied);
        Assert.Single(account.State.PendingRequests);
    }

    [Fact]
    public void Approve_ByVendor_IsDenied()
    {
        var account = new AccountHarness();
        var request = account.Ok<RequestOpenedOutcome>(new UnlockAccount(Actors.Agent, UnlockScope.ById, account.Lock(LockReason.Impersonation))).Request;

        account.Fails(new ApproveRequest(Actors.Vendor, request.RequestId), DomainErrorCode.PermissionDenied);
        account.Fails(new RejectRequest(Actors.Vendor, request.RequestId), DomainErrorCode.PermissionDenied);
    }

    [Fact]
    public void Vendor_MayOpenARequest_ForAnIdentityLock()
    {
        var account = new AccountHarness();
        var lockId = account.Lock(LockReason.DeceptiveIdentity);

        var request = account.Ok<RequestOpenedOutcome>(new UnlockAccount(Actors.Vendor, UnlockScope.ById, lockId)).Request;

        Assert.Equal("vendor-3", request.Requester);
        Assert.Equal([lockId], account.Ok<RequestAnsweredOutcome>(new ApproveRequest(Actors.Agent, request.RequestId)).LiftedLockIds);
    }

    [Fact]
    public void Reject_ByAnotherAgent_ClosesTheRequest_AndTheLockStays()
    {
        var account = new AccountHarness();
        var request = account.Ok<RequestOpenedOutcome>(new UnlockAccount(Actors.Agent, UnlockScope.ById, account.Lock(LockReason.Impersonation))).Request;

        var answered = account.Ok<RequestAnsweredOutcome>(new RejectRequest(Agent8, request.RequestId, "no evidence"));

        Assert.False(answered.Approved);
        Assert.True(account.State.IsLocked(account.Now));
        Assert.Empty(account.State.PendingRequests);
        account.Fails(new ApproveRequest(Actors.Admin, request.RequestId), DomainErrorCode.NotFound);
    }

    [Fact]
    public void Request_Lapses_ByTheTimer_AndCannotBeApprovedOnceExpired()
    {
        var account = new AccountHarness();
        var request = account.Ok<RequestOpenedOutcome>(new UnlockAccount(Actors.Agent, UnlockScope.ById, account.Lock(LockReason.Impersonation))).Request;
        Assert.Equal(request.ExpiresAt, account.State.NextDeadline);

        account.Advance(TimeSpan.FromHours(24));
        account.Fails(new ApproveRequest(Agent8, request.RequestId), DomainErrorCode.FailedPrecondition);
        account.ExpireDue();

        var lapsed = Assert.IsType<DualControlLapsed>(account.History[^1]);
        Assert.Equal(request.RequestId, lapsed.RequestId);
        Assert.Empty(account.State.PendingRequests);
        Assert.Null(account.State.NextDeadline);
        account.Fails(new ApproveRequest(Agent8, request.RequestId), DomainErrorCode.NotFound);
        Assert.True(account.State.IsLocked(account.Now));
    }

    [Fact]
    public void Unlock_HighProfile_AnyLock_OpensARequest_AndApprovalLiftsOnlyTheLocksAskedAbout()
    {
        var account = new AccountHarness();
        account.Ok<HighProfileOutcome>(new SetHighProfile(Actors.Admin, true));
        var first = account.Lock(LockReason.Compromised);
        var request = account.Ok<RequestOpenedOutcome>(new UnlockAccount(Actors.Agent, UnlockScope.All)).Request;
        var later = account.Lock(LockReason.PolicyViolation);

        var answered = account.Ok<RequestAnsweredOutcome>(new ApproveRequest(Agent8, request.RequestId));

        Assert.Equal([first], answered.LiftedLockIds);
        Assert.Equal([later], account.State.ActiveLocks(account.Now).Select(l => l.LockId));
    }

    [Fact]
    public void Unlock_NothingToLift_OnAHighProfileAccount_OpensNoRequest()
    {
        var account = new AccountHarness();
        account.Ok<HighProfileOutcome>(new SetHighProfile(Actors.Admin, true));

        Assert.Empty(account.Ok<UnlockOutcome>(new UnlockAccount(Actors.Agent, UnlockScope.All)).LiftedLockIds);
        Assert.Empty(account.State.PendingRequests);
    }

    [Fact]
    public void Unlock_HighProfileByVendor_IsStillDenied()
    {
        var account = new AccountHarness();
        account.Ok<HighProfileOutcome>(new SetHighProfile(Actors.Admin, true));
        account.Lock(LockReason.Compromised);

        account.Fails(new UnlockAccount(Actors.Vendor, UnlockScope.All), DomainErrorCode.PermissionDenied);
    }

    [Fact]
    public void Unlock_OrdinaryLock_OnAnOrdinaryAccount_ActsAtOnce()
    {
        var account = new AccountHarness();
        var lockId = account.Lock(LockReason.Compromised);

        Assert.Equal([lockId], account.Ok<UnlockOutcome>(new UnlockAccount(Actors.Agent, UnlockScope.ById, lockId)).LiftedLockIds);
    }

    [Fact]
    public void RevokeBadge_OnHighProfile_OpensARequest_AndApprovalRevokes()
    {
        var account = new AccountHarness();
        account.Ok<HighProfileOutcome>(new SetHighProfile(Actors.Admin, true));
        account.Ok<VerificationOutcome>(new GrantVerification(Actors.Agent, "journalist"));

        var request = account.Ok<RequestOpenedOutcome>(new RevokeVerification(Actors.Agent, "impersonation report")).Request;
        Assert.Equal(BadgeStatus.Verified, account.State.Badge.Status);
        Assert.Equal(DualControlAction.RevokeVerification, request.Action);

        var answered = account.Ok<RequestAnsweredOutcome>(new ApproveRequest(Agent8, request.RequestId));

        Assert.True(answered.BadgeRevoked);
        Assert.Equal(BadgeStatus.Revoked, account.State.Badge.Status);
        Assert.Equal("impersonation report", account.State.Badge.RevokedReason);
    }

    [Fact]
    public void DualControl_IsConfiguration_EachActionCanBeTurnedOff()
    {
        var off = new AccountRulesOptions { DualControl = new DualControlOptions { HighProfileUnlock = false, IdentityLockLift = false, HighProfileBadgeRevoke = false } };
        var account = new AccountHarness(off);
        account.Ok<HighProfileOutcome>(new SetHighProfile(Actors.Admin, true));
        account.Ok<VerificationOutcome>(new GrantVerification(Actors.Agent, "journalist"));
        account.Ok<UnlockOutcome>(new UnlockAccount(Actors.Agent, UnlockScope.ById, account.Lock(LockReason.PolicyViolation)));

        account.Ok<VerificationOutcome>(new RevokeVerification(Actors.Agent, "why"));
        Assert.Single(account.Ok<UnlockOutcome>(new UnlockAccount(Actors.Agent, UnlockScope.ById, account.Lock(LockReason.Impersonation))).LiftedLockIds);
        Assert.Empty(account.State.PendingRequests);
    }

    [Fact]
    public void Requests_AreBounded()
    {
        var account = new AccountHarness(new AccountRulesOptions { DualControl = new DualControlOptions { MaxPendingRequests = 2 } });
        var lockId = account.Lock(LockReason.Impersonation);
        account.Ok<RequestOpenedOutcome>(new UnlockAccount(Actors.Agent, UnlockScope.ById, lockId));
        account.Ok<RequestOpenedOutcome>(new UnlockAccount(Agent8, UnlockScope.ById, lockId));

        account.Fails(new UnlockAccount(Actors.Agent, UnlockScope.ById, lockId), DomainErrorCode.ResourceExhausted);
    }

    [Fact]
    public void Request_WithAnIdempotencyKey_ReplaysTheSameRequest()
    {
        var account = new AccountHarness();
        var lockId = account.Lock(LockReason.Impersonation);
        var first = account.Ok<RequestOpenedOutcome>(new UnlockAccount(Actors.Agent, UnlockScope.ById, lockId) { IdempotencyKey = "k" });

        var again = account.Ok<RequestOpenedOutcome>(new UnlockAccount(Actors.Agent, UnlockScope.ById, lockId) { IdempotencyKey = "k" });

        Assert.True(again.Replayed);
        Assert.Equal(first.Request, again.Request);
        Assert.Single(account.State.PendingRequests);
    }

    [Fact]
    public void Options_Validate_RefusesABadLifetime()
    {
        var options = new AccountRulesOptions { DualControl = new DualControlOptions { RequestLifetime = TimeSpan.Zero, MaxPendingRequests = 0 } };

        var e = Assert.Throws<InvalidOperationException>(options.Validate);

        Assert.Contains("RequestLifetime", e.Message, StringComparison.Ordinal);
        Assert.Contains("MaxPendingRequests", e.Message, StringComparison.Ordinal);
    }
}
