using AccountGrains.Api.Tests.Support;
using AccountGrains.Contracts.V1;

namespace AccountGrains.Api.Tests.Workflows;

/// <summary>
/// RecordAuditVerdict and the ClusterAdmin queues through the in-process silo (SQLite): the workflows end to end, and
/// every refusal: the roles the permission table leaves out, one's own action, an unknown or unsampled action, bad arguments.
/// </summary>
[Collection(ApiSiloCollection.Name)]
public sealed class AuditAndQueueTests(ApiSilo silo)
{
    private WorkflowScenario Scenario => new(silo.Channel, silo.Keys);

    [Fact]
    public Task DualControl_WaitsInTheRequestsQueue_UntilApproved() => Scenario.DualControlThroughTheQueueAsync(ApiSilo.NewAccount("queue-dual"));

    [Fact]
    public Task Appeal_WaitsInTheAppealsQueue_UntilDecided() => Scenario.AppealThroughTheQueueAsync(ApiSilo.NewAccount("queue-appeal"));

    [Fact]
    public Task Audit_SampledVendorLock_IsReviewedOnceAndCountedInTheReport() => Scenario.AuditThroughTheQueueAsync(ApiSilo.NewAccount("queue-audit"));

    [Theory]
    [InlineData("platform")]
    [InlineData("recovery")]
    [InlineData("agent")]
    [InlineData("vendor")]
    public async Task ListAuditQueue_ByAnyRoleButAuditorAndAdmin_IsPermissionDenied(string role) =>
        await Refused.WithAsync(StatusCode.PermissionDenied, async () => await Scenario.Admin.ListAuditQueueAsync(new ListAuditQueueRequest(), Scenario.As(role)));

    [Theory]
    [InlineData("platform")]
    [InlineData("recovery")]
    [InlineData("vendor")]
    [InlineData("auditor")]
    public async Task ListPendingRequestsAndOpenAppeals_ByAnyRoleButAgentAndAdmin_ArePermissionDenied(string role)
    {
        await Refused.WithAsync(StatusCode.PermissionDenied, async () => await Scenario.Admin.ListPendingRequestsAsync(new ListPendingRequestsRequest(), Scenario.As(role)));
        await Refused.WithAsync(StatusCode.PermissionDenied, async () => await Scenario.Admin.ListOpenAppealsAsync(new ListOpenAppealsRequest(), Scenario.As(role)));
    }

    [Theory]
    [InlineData("agent")]
    [InlineData("vendor")]
    [InlineData("platform")]
    public async Task RecordAuditVerdict_ByAReviewedRole_IsPermissionDenied(string role)
    {
        var id = ApiSilo.NewAccount("audit-role");
        await silo.Client("vendor").LockAsync(id, LockReason.PolicyViolation);
        await Refused.WithAsync(StatusCode.PermissionDenied, () => silo.Client(role).RecordAuditVerdictAsync(Verdict(id, 1)));
    }

    [Fact]
    public async Task RecordAuditVerdict_OnOnesOwnAction_IsPermissionDenied()
    {
        // The same person: agent-7 locked through the agent key, and reviews with an auditor token whose subject is agent-7.
        var id = ApiSilo.NewAccount("audit-own");
        await silo.Client("agent").LockAsync(id, LockReason.PolicyViolation);
        var reviewer = silo.WithBearer(silo.Tokens.For("auditor", subject: ApiKeys.AgentOf("agent")));

        var error = await Refused.WithAsync(StatusCode.PermissionDenied, () => reviewer.RecordAuditVerdictAsync(Verdict(id, 1)));
        Assert.Contains("own action", error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain((await silo.Client("admin").GetHistoryAsync(new GetHistoryRequest { AccountId = id })).Events, e => e.Type == "AuditVerdictRecorded");
    }

    [Fact]
    public async Task RecordAuditVerdict_OnAnUnknownSeq_IsNotFound()
    {
        var id = ApiSilo.NewAccount("audit-unknown");
        await silo.Client("vendor").LockAsync(id, LockReason.PolicyViolation);
        await Refused.WithAsync(StatusCode.NotFound, () => silo.Client("auditor").RecordAuditVerdictAsync(Verdict(id, 99)));
    }

    [Fact]
    public async Task RecordAuditVerdict_OnAnActionNotSampled_IsFailedPrecondition()
    {
        // A platform service's lock is never sampled: only agents' and vendors' actions are audited.
        var id = ApiSilo.NewAccount("audit-unsampled");
        await silo.Client("platform").LockAsync(id, LockReason.PolicyViolation);
        await Refused.WithAsync(StatusCode.FailedPrecondition, () => silo.Client("auditor").RecordAuditVerdictAsync(Verdict(id, 1)));
    }

    [Fact]
    public async Task RecordAuditVerdict_WithBadArguments_IsInvalidArgument()
    {
        var id = ApiSilo.NewAccount("audit-args");
        await silo.Client("vendor").LockAsync(id, LockReason.PolicyViolation);
        var auditor = silo.Client("auditor");

        await Refused.WithAsync(StatusCode.InvalidArgument, () => auditor.RecordAuditVerdictAsync(Verdict(id, 0)));
        await Refused.WithAsync(StatusCode.InvalidArgument, () => auditor.RecordAuditVerdictAsync(Verdict(id, 1, AuditVerdict.Unspecified)));
        await Refused.WithAsync(StatusCode.InvalidArgument, () => auditor.RecordAuditVerdictAsync(Verdict(id, 1, guideline: "")));
        await Refused.WithAsync(StatusCode.InvalidArgument, () => auditor.RecordAuditVerdictAsync(Verdict(id, 1, guideline: new string('g', 201))));
        await Refused.WithAsync(StatusCode.InvalidArgument, () => auditor.RecordAuditVerdictAsync(Verdict("not/an id", 1)));
    }

    [Fact]
    public async Task Queues_WithABadPageTokenOrSize_AreInvalidArgument()
    {
        await Refused.WithAsync(StatusCode.InvalidArgument, async () => await Scenario.Admin.ListAuditQueueAsync(new ListAuditQueueRequest { PageToken = "abc" }, Scenario.As("admin")));
        await Refused.WithAsync(StatusCode.InvalidArgument, async () => await Scenario.Admin.ListPendingRequestsAsync(new ListPendingRequestsRequest { PageSize = -1 }, Scenario.As("admin")));
        await Refused.WithAsync(StatusCode.InvalidArgument, async () => await Scenario.Admin.ListOpenAppealsAsync(new ListOpenAppealsRequest { PageToken = "-5" }, Scenario.As("agent")));
    }

    [Fact]
    public async Task ListAuditQueue_InPagesOfOne_ListsEachItemOnceInLogOrder()
    {
        var id = ApiSilo.NewAccount("audit-pages");
        for (var i = 0; i < 3; i++)
        {
            await silo.Client("vendor").LockAsync(id, LockReason.PolicyViolation);
        }

        await Eventually.Async(() => Scenario.AuditsAsync("auditor"), q => q.Count(i => i.AccountId == id) == 3, TimeSpan.FromSeconds(60));
        var seen = new List<AuditQueueItem>();
        var token = "";
        do
        {
            var page = await Scenario.Admin.ListAuditQueueAsync(new ListAuditQueueRequest { PageSize = 1, PageToken = token }, Scenario.As("auditor"));
            Assert.True(page.Items.Count <= 1);
            seen.AddRange(page.Items);
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        Assert.Equal(seen.Select(i => i.Position).Order(), seen.Select(i => i.Position));
        Assert.Equal(seen.Count, seen.Select(i => i.EventId).Distinct().Count());
        Assert.Equal([1L, 2L, 3L], seen.Where(i => i.AccountId == id).Select(i => i.ActionSeq));
    }

    private static RecordAuditVerdictRequest Verdict(string accountId, long seq, AuditVerdict verdict = AuditVerdict.Correct, string guideline = "G-1") =>
        new() { AccountId = accountId, ActionSeq = seq, Verdict = verdict, GuidelineRef = guideline };
}
