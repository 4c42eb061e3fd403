using AccountGrains.Domain.Tests.Support;
using FsCheck;
using FsCheck.Fluent;

namespace AccountGrains.Domain.Tests.Audits;

/// <summary>
/// RecordAuditVerdict through the decider and the fold: the verdict is an event of the audited account, an action gets
/// one verdict whatever the sequence of commands, nobody reviews their own action, and the state survives a snapshot.
/// </summary>
public sealed class AuditVerdictDeciderTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(200);
    private static readonly AuditOptions Everything = new() { AgentShare = 1, VendorShare = 1 };
    private static readonly Actor Auditor = new("audit-svc", ActorRole.Auditor);

    [Fact]
    public void AVerdict_IsAnEventNamingTheAuditedAction_AndTheNoteIsItsReason()
    {
        var account = new AccountHarness();
        account.Ok<LockOutcome>(new LockAccount(Actors.Vendor, LockReason.PolicyViolation));

        var outcome = account.Ok<AuditVerdictOutcome>(Verdict(account, 1, Auditor, note: "no evidence"));

        var recorded = Assert.IsType<AuditVerdictRecorded>(account.History[^1]);
        Assert.Equal(outcome.Verdict, recorded);
        Assert.Equal((1L, "LockPlaced", Actors.Vendor.Display, ActorRole.Vendor, AuditVerdict.Incorrect, "G-4.2"),
            (recorded.ActionSeq, recorded.ActionType, recorded.ActionActor, recorded.ActionRole, recorded.Verdict, recorded.GuidelineRef));
        Assert.Equal("no evidence", recorded.Reason);
        Assert.Equal(Auditor.Display, recorded.Actor);
        Assert.True(account.State.IsAudited(1));
    }

    [Fact]
    public void AVerdict_OnASeqWithNoEvent_IsNotFound()
    {
        var account = new AccountHarness();
        account.Fails(new RecordAuditVerdict(Auditor, 5, null, Everything, AuditVerdict.Correct, "G-1"), DomainErrorCode.NotFound);
    }

    [Fact]
    public void AVerdict_OnSeqZero_IsInvalidArgument()
    {
        var account = new AccountHarness();
        account.Fails(new RecordAuditVerdict(Auditor, 0, null, Everything, AuditVerdict.Correct, "G-1"), DomainErrorCode.InvalidArgument);
    }

    [Fact]
    public void AVerdict_ByAVendor_IsPermissionDeniedByTheTable()
    {
        var account = new AccountHarness();
        account.Ok<LockOutcome>(new LockAccount(Actors.Agent, LockReason.PolicyViolation));
        account.Fails(Verdict(account, 1, Actors.Vendor), DomainErrorCode.PermissionDenied);
    }

    [Fact]
    public void AKeyedVerdict_Repeated_ReturnsTheFirstAndWritesNothing()
    {
        var account = new AccountHarness();
        account.Ok<LockOutcome>(new LockAccount(Actors.Vendor, LockReason.PolicyViolation));
        var first = account.Ok<AuditVerdictOutcome>(Verdict(account, 1, Auditor) with { IdempotencyKey = "v-1" });
        var count = account.History.Count;

        var again = account.Ok<AuditVerdictOutcome>(Verdict(account, 1, Auditor) with { IdempotencyKey = "v-1" });

        Assert.True(again.Replayed);
        Assert.Equal(first.Verdict.ActionSeq, again.Verdict.ActionSeq);
        Assert.Equal(count, account.History.Count);
    }

    [Fact]
    public void TheAuditedSeqs_SurviveASnapshot()
    {
        var account = new AccountHarness();
        account.Ok<LockOutcome>(new LockAccount(Actors.Vendor, LockReason.PolicyViolation));
        account.Ok<LockOutcome>(new LockAccount(Actors.Agent, LockReason.Compromised));
        account.Ok<AuditVerdictOutcome>(Verdict(account, 2, Auditor));

        var restored = AccountSnapshotSerializer.Deserialize(AccountSnapshotSerializer.Serialize(account.State));

        Assert.Equal([2L], restored.AuditedSeqs);
        Assert.True(restored.IsAudited(2));
        Assert.False(restored.IsAudited(1));
    }

    [Fact]
    public void NoSequenceOfVerdicts_RecordsTwoOnOneAction()
    {
        // Any order of reviewers (auditors, admins) and seqs: at most one AuditVerdictRecorded per seq.
        var reviewers = Gen.Elements(Auditor, new Actor("audit-2", ActorRole.Auditor), Actors.Admin);
        var step = Gen.Zip(reviewers, Gen.Choose(1, 4));
        var commands = Gen.Choose(1, 20).SelectMany(length => Gen.ArrayOf(step, length)).ToArbitrary();
        var property = Prop.ForAll(commands, steps =>
        {
            var account = new AccountHarness();
            for (var i = 0; i < 4; i++)
            {
                account.Ok<LockOutcome>(new LockAccount(i % 2 == 0 ? Actors.Vendor : Actors.Agent, LockReason.PolicyViolation));
            }

            foreach (var (reviewer, seq) in steps)
            {
                account.Run(Verdict(account, seq, reviewer));
            }

            var seqs = account.History.OfType<AuditVerdictRecorded>().Select(v => v.ActionSeq).ToList();
            return seqs.Count == seqs.Distinct().Count() && seqs.All(account.State.IsAudited);
        });

        Check.One(Config, property);
    }

    [Fact]
    public void NobodyReviewsTheirOwnAction_UnderAnyKey()
    {
        // The agent behind an action, reviewing under any auditor or admin key or token whose person is that agent, is refused.
        var keys = Gen.Elements("console", "vendor-console", "audit-svc", "sre").ToArbitrary();
        var agents = Gen.Elements("agent-1", "agent-7", "vendor-3").ToArbitrary();
        var property = Prop.ForAll(keys, keys, agents, (actingKey, reviewKey, agent) =>
        {
            var account = new AccountHarness();
            account.Ok<LockOutcome>(new LockAccount(new Actor(actingKey, ActorRole.Agent, agent), LockReason.PolicyViolation));
            var asOnBehalf = account.Run(Verdict(account, 1, new Actor(reviewKey, ActorRole.Auditor, agent)));
            var asSubject = account.Run(Verdict(account, 1, new Actor(agent, ActorRole.Admin)));
            return asOnBehalf.Error?.Code == DomainErrorCode.PermissionDenied && asSubject.Error?.Code == DomainErrorCode.PermissionDenied
                && !account.History.OfType<AuditVerdictRecorded>().Any();
        });

        Check.One(Config, property);
    }

    // The command the grain builds: the audited event read from history (here the harness's), sampling shares 1.
    private static RecordAuditVerdict Verdict(AccountHarness account, long seq, Actor reviewer, string? note = null)
    {
        AuditedAction? action = null;
        if (seq >= 1 && seq <= account.History.Count)
        {
            var e = account.History[(int)seq - 1];
            action = new AuditedAction(AuditSampling.EventId("acct-1", seq), EventTypeNames.Of(e), e.Actor, e.ActorRole ?? default);
        }

        return new RecordAuditVerdict(reviewer, seq, action, Everything, AuditVerdict.Incorrect, "G-4.2", note);
    }
}
