using AccountGrains.Domain;
using AccountGrains.Storage.Reports;
using AccountGrains.Streaming.Reporting;

namespace AccountGrains.Streaming.Tests.Reporting;

/// <summary>
/// The projection's workflow part: which actions enter the audit queue (agents' and vendors', by the sampling shares),
/// the queues' entries and exits, and the quality counters.
/// </summary>
public sealed class WorkflowProjectionTests
{
    private static readonly DateTimeOffset Day = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly AuditOptions Everything = new() { AgentShare = 1, VendorShare = 1 };

    [Fact]
    public void AgentAndVendorActions_AreQueuedForAudit_AndAVerdictTakesOneOutAndCountsIt()
    {
        var events = new[]
        {
            Logged("a", 1, new LockPlaced("lock-1", LockReason.PolicyViolation, null, null) { ActorRole = ActorRole.Vendor }, "vc/vendor-3"),
            Logged("a", 2, new LockPlaced("lock-2", LockReason.PolicyViolation, null, null) { ActorRole = ActorRole.Platform }, "login"),
            Logged("a", 3, new LockPlaced("lock-3", LockReason.PolicyViolation, null, null) { ActorRole = ActorRole.Agent }, "console/agent-7"),
            Logged("a", 4, new AuditVerdictRecorded(1, "LockPlaced", "vc/vendor-3", ActorRole.Vendor, AuditVerdict.Incorrect, "G-1") { ActorRole = ActorRole.Auditor }, "audit"),
        };

        var changes = ReportProjection.Project(events, Everything);

        var queued = changes.Queued!;
        Assert.Equal([("1", true), ("3", true), ("1", false)], queued.Select(q => (q.ItemId, q.Payload is not null)));
        Assert.All(queued, q => Assert.Equal(ReportQueues.Audits, q.Queue));
        var entry = QueuePayloads.ReadAudit(queued[0].Payload!);
        Assert.Equal(new AuditQueueEntry(1, "LockPlaced", "vc/vendor-3", "vendor", Day, null), entry);
        Assert.Equal(2, changes.Counts.Where(c => c.Metric == ReportMetrics.AuditSampled).Sum(c => c.Delta));
        Assert.Equal(new ReportCount(DateOnly.FromDateTime(Day.UtcDateTime), ReportMetrics.AuditIncorrect, "vc/vendor-3", "vendor", 1),
            Assert.Single(changes.Counts, c => c.Metric == ReportMetrics.AuditIncorrect));
    }

    [Fact]
    public void WithTheDefaultShares_TheQueuedActionsAreExactlyTheSampledOnes()
    {
        var events = Enumerable.Range(1, 400).Select(seq =>
            Logged("acct-" + (seq % 7), seq, new LockPlaced("lock-" + seq, LockReason.PolicyViolation, null, null) { ActorRole = seq % 2 == 0 ? ActorRole.Vendor : ActorRole.Agent }, "k/p")).ToList();

        var queued = ReportProjection.Project(events, AuditOptions.Default).Queued!.Select(q => (q.AccountId, q.ItemId)).ToHashSet();

        var sampled = events.Where(e => AuditSampling.IsSampled(AuditOptions.Default, e.Seq % 2 == 0 ? ActorRole.Vendor : ActorRole.Agent, e.Type, AuditSampling.EventId(e.AccountId, e.Seq)))
            .Select(e => (e.AccountId, e.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToHashSet();
        Assert.Equal(sampled, queued);
        Assert.NotEmpty(queued);
    }

    [Fact]
    public void RequestsAndAppeals_EnterAndLeaveTheirQueues()
    {
        var expires = Day.AddHours(24);
        var events = new[]
        {
            Logged("a", 1, new DualControlRequested("request-1", DualControlAction.Unlock, "console/agent-7", expires, UnlockScope.ById, ["lock-1"], LockReason.Impersonation, "ID checked"), "console/agent-7"),
            Logged("a", 2, new DualControlRequested("request-2", DualControlAction.RevokeVerification, "console/agent-7", expires), "console/agent-7"),
            Logged("a", 3, new DualControlRejected("request-2", DualControlAction.RevokeVerification), "console/agent-8"),
            Logged("a", 4, new DualControlLapsed("request-1", DualControlAction.Unlock), "system"),
            Logged("a", 5, new AppealFiled("appeal-5", "lock-1", LockReason.Impersonation, "it is me"), "platform"),
            Logged("a", 6, new AppealDecided("appeal-5", "lock-1", AppealDecision.Upheld, "stands"), "console/agent-8"),
        };

        var queued = ReportProjection.Project(events, AuditOptions.Default).Queued!.Where(q => q.Queue != ReportQueues.Audits).ToList();

        Assert.Equal(
            [(ReportQueues.Requests, "request-1", true), (ReportQueues.Requests, "request-2", true), (ReportQueues.Requests, "request-2", false),
             (ReportQueues.Requests, "request-1", false), (ReportQueues.Appeals, "appeal-5", true), (ReportQueues.Appeals, "appeal-5", false)],
            queued.Select(q => (q.Queue, q.ItemId, q.Payload is not null)));
        Assert.Equal(expires, queued[0].ExpiresAt);
        var request = QueuePayloads.ReadRequest(queued[0].Payload!);
        Assert.Equal(("UNLOCK", "console/agent-7", "ID checked"), (request.Action, request.RequestedBy, request.Reason));
        Assert.Equal(["lock-1"], request.LockIds);
        Assert.Equal(new AppealQueueEntry("appeal-5", "lock-1", "platform", Day, "it is me"), QueuePayloads.ReadAppeal(queued[4].Payload!));
    }

    private static LoggedEvent Logged(string account, long seq, AccountEvent evt, string actor) =>
        new(account, seq, seq * 10, AccountEventSerializer.TypeOf(evt), Day, actor, null, AccountEventSerializer.SerializePayload(evt));
}
