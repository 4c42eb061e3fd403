using AccountGrains.Domain.Tests.Support;

namespace AccountGrains.Domain.Tests.Rules;

public sealed class PermissionTests
{
    // DOMAIN.md's table, row by row: platform, recovery, agent, vendor, admin.
    [Theory]
    [InlineData(Operation.Verify, true, true, true, true, true)]
    [InlineData(Operation.ReportSignal, true, false, true, false, true)]
    [InlineData(Operation.Lock, true, false, true, true, true)]
    [InlineData(Operation.Unlock, false, false, true, true, true)]
    [InlineData(Operation.StartRecovery, false, true, false, false, true)]
    [InlineData(Operation.CompleteRecovery, false, true, false, false, true)]
    [InlineData(Operation.GrantVerification, false, false, true, false, true)]
    [InlineData(Operation.RevokeVerification, false, false, true, false, true)]
    [InlineData(Operation.SetHighProfile, false, false, false, false, true)]
    [InlineData(Operation.GetAccount, true, true, true, true, true)]
    [InlineData(Operation.GetHistory, false, false, true, true, true)]
    [InlineData(Operation.ClusterAndReports, false, false, false, false, true)]
    [InlineData(Operation.Reports, false, false, false, false, true)]
    [InlineData(Operation.WatchEvents, true, false, true, false, true)]
    [InlineData(Operation.VerifyHistory, false, false, false, false, true)]
    [InlineData(Operation.ListAuditQueue, false, false, false, false, true)]
    [InlineData(Operation.RecordAuditVerdict, false, false, false, false, true)]
    [InlineData(Operation.ListPendingRequests, false, false, true, false, true)]
    [InlineData(Operation.ListOpenAppeals, false, false, true, false, true)]
    public void IsAllowed_MatchesTheDomainTable(Operation operation, bool platform, bool recovery, bool agent, bool vendor, bool admin)
    {
        var actual = new[] { ActorRole.Platform, ActorRole.Recovery, ActorRole.Agent, ActorRole.Vendor, ActorRole.Admin }
            .Select(role => Permissions.IsAllowed(role, operation));

        Assert.Equal([platform, recovery, agent, vendor, admin], actual);
    }

    [Fact]
    public void IsAllowed_AuditorMayReadAndReview()
    {
        var allowed = Enum.GetValues<Operation>().Where(op => Permissions.IsAllowed(ActorRole.Auditor, op));

        // DOMAIN.md: Verify, GetAccount, GetHistory, the report methods (not the cluster ones), VerifyHistory, and the audit queue.
        Assert.Equal([Operation.Verify, Operation.GetAccount, Operation.GetHistory, Operation.Reports, Operation.VerifyHistory,
            Operation.ListAuditQueue, Operation.RecordAuditVerdict], allowed);
    }

    [Fact]
    public void IsAllowed_SystemMayOnlyExpire()
    {
        var allowed = Enum.GetValues<Operation>().Where(op => Permissions.IsAllowed(ActorRole.System, op));

        Assert.Equal([Operation.ExpireDue], allowed);
    }

    [Fact]
    public void Decide_ExpireDueFromACaller_IsPermissionDenied()
    {
        var account = new AccountHarness();

        account.Fails(new ExpireDue(Actors.Admin), DomainErrorCode.PermissionDenied);
    }

    [Fact]
    public void Decide_ActorWithoutName_IsInvalidArgument()
    {
        var account = new AccountHarness();

        account.Fails(new LockAccount(new Actor(" ", ActorRole.Agent), LockReason.Compromised), DomainErrorCode.InvalidArgument);
    }
}
