using AccountGrains.Api.Tests.Support;
using AccountGrains.Contracts.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Net.Client;

namespace AccountGrains.Api.Tests.Workflows;

/// <summary>
/// Dual control, an appeal and a quality audit through the gateway of any silo (in process on SQLite, or a silo process
/// on PostgreSQL), each checked in the account and in the cross-account queues the reporting projection keeps. The
/// silo must sample every agent and vendor lock (<c>AccountGrains:Audits:ActionShares:*.LockPlaced = 1</c>).
/// </summary>
public sealed class WorkflowScenario(GrpcChannel channel, ApiKeys keys)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    public ApiClient Client(string role) => new(new AccountIntegrity.AccountIntegrityClient(channel), keys.HeadersOf(role));

    public ClusterAdmin.ClusterAdminClient Admin { get; } = new(channel);

    public CallOptions As(string role) => new(keys.HeadersOf(role), DateTime.UtcNow + ApiClient.Deadline);

    /// <summary>An agent's unlock of a high-profile account waits in the requests queue until an admin approves it.</summary>
    public async Task DualControlThroughTheQueueAsync(string accountId)
    {
        await Client("admin").SetHighProfileAsync(new SetHighProfileRequest { AccountId = accountId, HighProfile = true });
        var locked = await Client("agent").LockAsync(accountId, LockReason.PolicyViolation);
        var asked = await Client("agent").UnlockAsync(accountId, locked.LockId);
        var requestId = asked.PendingRequest.RequestId;

        var queued = await Eventually.Async(() => RequestsAsync("agent"), q => q.Any(r => r.AccountId == accountId), Within);
        var item = Assert.Single(queued, r => r.AccountId == accountId);
        Assert.Equal(requestId, item.Request.RequestId);
        Assert.Equal(DualControlAction.Unlock, item.Request.Action);
        Assert.Equal(ApiKeys.ActorOf("agent"), item.Request.RequestedBy);
        Assert.Contains(locked.LockId, item.Request.LockIds);

        var approved = await Client("admin").ApproveRequestAsync(new ApproveRequestRequest { AccountId = accountId, RequestId = requestId });
        Assert.Equal([locked.LockId], approved.LiftedLockIds);
        await Eventually.Async(() => RequestsAsync("admin"), q => q.All(r => r.AccountId != accountId), Within);
    }

    /// <summary>An appeal waits in the appeals queue until an agent decides it.</summary>
    public async Task AppealThroughTheQueueAsync(string accountId)
    {
        var locked = await Client("platform").LockAsync(accountId, LockReason.SuspiciousActivity);
        var filed = await Client("platform").FileAppealAsync(new FileAppealRequest { AccountId = accountId, LockId = locked.LockId, Statement = "it was me" });

        var queued = await Eventually.Async(() => AppealsAsync("agent"), q => q.Any(a => a.AccountId == accountId), Within);
        var item = Assert.Single(queued, a => a.AccountId == accountId);
        Assert.Equal(filed.Appeal.AppealId, item.Appeal.AppealId);
        Assert.Equal(locked.LockId, item.Appeal.LockId);
        Assert.Equal("it was me", item.Appeal.Statement);

        await Client("agent").DecideAppealAsync(new DecideAppealRequest { AccountId = accountId, AppealId = filed.Appeal.AppealId, Decision = AppealDecision.Overturned, Reason = "owner verified" });
        await Eventually.Async(() => AppealsAsync("admin"), q => q.All(a => a.AccountId != accountId), Within);
    }

    /// <summary>
    /// A vendor's lock is sampled into the audit queue; an auditor records INCORRECT on it, once; the verdict is in the
    /// account's history, the item leaves the queue, and the day's report shows the vendor agent's and the vendor's quality.
    /// </summary>
    public async Task AuditThroughTheQueueAsync(string accountId)
    {
        var locked = await Client("vendor").LockAsync(accountId, LockReason.PolicyViolation, note: "spam wave");
        var queued = await Eventually.Async(() => AuditsAsync("auditor"), q => q.Any(i => i.AccountId == accountId), Within);
        var item = Assert.Single(queued, i => i.AccountId == accountId);
        Assert.True(item.ActionSeq >= 1 && item.ActionSeq <= locked.Version);
        Assert.Equal("LockPlaced", item.ActionType);
        Assert.Equal(ApiKeys.ActorOf("vendor"), item.Actor);
        Assert.Equal("vendor", item.Role);
        Assert.Equal($"{accountId}:{item.ActionSeq}", item.EventId);

        var verdict = await Client("auditor").RecordAuditVerdictAsync(new RecordAuditVerdictRequest
        {
            AccountId = accountId, ActionSeq = item.ActionSeq, Verdict = AuditVerdict.Incorrect, GuidelineRef = "G-4.2", Note = "no evidence of spam",
        });
        Assert.Equal("LockPlaced", verdict.ActionType);
        Assert.Equal(ApiKeys.ActorOf("vendor"), verdict.ActionActor);
        Assert.Equal(AuditVerdict.Incorrect, verdict.Verdict);

        await Refused.WithAsync(StatusCode.FailedPrecondition, () => Client("admin").RecordAuditVerdictAsync(new RecordAuditVerdictRequest
        {
            AccountId = accountId, ActionSeq = item.ActionSeq, Verdict = AuditVerdict.Correct, GuidelineRef = "G-4.2",
        }));
        var history = await Client("auditor").GetHistoryAsync(new GetHistoryRequest { AccountId = accountId });
        var recorded = Assert.Single(history.Events, e => e.Type == "AuditVerdictRecorded");
        Assert.Equal(ApiKeys.NameOf("auditor"), recorded.Actor);
        Assert.Equal("no evidence of spam", recorded.Reason);
        Assert.Contains("\"guidelineRef\":\"G-4.2\"", recorded.DataJson, StringComparison.Ordinal);

        await Eventually.Async(() => AuditsAsync("admin"), q => q.All(i => i.AccountId != accountId), Within);
        var today = await Eventually.Async(
            TodayAsync,
            p => p.AgentQuality.Any(q => q.Actor == ApiKeys.ActorOf("vendor") && q.Incorrect > 0),
            Within);
        var agent = Assert.Single(today.AgentQuality, q => q.Actor == ApiKeys.ActorOf("vendor"));
        Assert.Equal("vendor", agent.Role);
        Assert.True(agent.Sampled >= 1 && agent.Reviewed == agent.Correct + agent.Incorrect);
        var vendor = Assert.Single(today.VendorQuality, q => q.Actor == ApiKeys.NameOf("vendor"));
        Assert.True(vendor.Incorrect >= 1 && vendor.CorrectRate < 1);
    }

    /// <summary>Every item of a queue, page by page (small pages, so paging itself is exercised).</summary>
    public async Task<List<AuditQueueItem>> AuditsAsync(string role)
    {
        var all = new List<AuditQueueItem>();
        var token = "";
        do
        {
            var page = await Admin.ListAuditQueueAsync(new ListAuditQueueRequest { PageSize = 50, PageToken = token }, As(role));
            all.AddRange(page.Items);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return all;
    }

    public async Task<List<QueuedRequest>> RequestsAsync(string role)
    {
        var all = new List<QueuedRequest>();
        var token = "";
        do
        {
            var page = await Admin.ListPendingRequestsAsync(new ListPendingRequestsRequest { PageSize = 50, PageToken = token }, As(role));
            all.AddRange(page.Requests);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return all;
    }

    public async Task<List<QueuedAppeal>> AppealsAsync(string role)
    {
        var all = new List<QueuedAppeal>();
        var token = "";
        do
        {
            var page = await Admin.ListOpenAppealsAsync(new ListOpenAppealsRequest { PageSize = 50, PageToken = token }, As(role));
            all.AddRange(page.Appeals);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return all;
    }

    private async Task<ReportPeriod> TodayAsync()
    {
        var day = DateTime.UtcNow.Date;
        var reply = await Admin.GetReportAsync(
            new GetReportRequest
            {
                From = Timestamp.FromDateTime(DateTime.SpecifyKind(day, DateTimeKind.Utc)),
                To = Timestamp.FromDateTime(DateTime.SpecifyKind(day.AddDays(1), DateTimeKind.Utc)),
                Granularity = ReportGranularity.Total,
            },
            As("admin"));
        return reply.Periods.Single();
    }
}
