using FsCheck;
using FsCheck.Fluent;

namespace AccountGrains.Domain.Tests.Audits;

/// <summary>Quality audits' sampling and review rules (DOMAIN.md "Integrity workflows"), by example and as properties.</summary>
public sealed class AuditRulesTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(500);
    private static readonly AuditOptions Everything = new() { AgentShare = 1, VendorShare = 1 };
    private static readonly Actor Auditor = new("audit-svc", ActorRole.Auditor, "reviewer-1");

    private static Arbitrary<string> Ids { get; } = Gen.Elements("a", "b", "alice", "acct-1", "x.y_z").SelectMany(
        prefix => Gen.Choose(1, 1_000_000), (prefix, seq) => AuditSampling.EventId(prefix, seq)).ToArbitrary();

    private static Arbitrary<string> People { get; } = Gen.Elements("agent-1", "agent-2", "vendor-7", "reviewer-1", "ops").ToArbitrary();

    [Fact]
    public void Sampling_IsAFunctionOfTheEventIdAlone_AndMonotoneInTheShare()
    {
        var property = Prop.ForAll(Ids, Gen.Choose(0, 100).ToArbitrary(), Gen.Choose(0, 100).ToArbitrary(), (id, a, b) =>
        {
            var (low, high) = (Math.Min(a, b) / 100.0, Math.Max(a, b) / 100.0);
            var sampledLow = AuditSampling.IsSampled(new AuditOptions { VendorShare = low }, ActorRole.Vendor, "LockPlaced", id);
            var sampledHigh = AuditSampling.IsSampled(new AuditOptions { VendorShare = high }, ActorRole.Vendor, "LockPlaced", id);
            var point = AuditSampling.Point(id);
            return point >= 0 && point < 1
                && point == AuditSampling.Point(new string(id.ToCharArray()))
                && sampledLow == AuditSampling.IsSampled(new AuditOptions { VendorShare = low }, ActorRole.Vendor, "LockPlaced", id)
                && (!sampledLow || sampledHigh);
        });

        Check.One(Config, property);
    }

    [Fact]
    public void Sampling_WithTheDefaults_TakesAboutTenPercentOfVendorAndTwoPercentOfAgentActions()
    {
        var ids = Enumerable.Range(1, 20_000).Select(seq => AuditSampling.EventId("acct-" + (seq % 97), seq)).ToArray();

        var vendor = ids.Count(id => AuditSampling.IsSampled(AuditOptions.Default, ActorRole.Vendor, "LockPlaced", id)) / (double)ids.Length;
        var agent = ids.Count(id => AuditSampling.IsSampled(AuditOptions.Default, ActorRole.Agent, "LockPlaced", id)) / (double)ids.Length;

        Assert.InRange(vendor, 0.09, 0.11);
        Assert.InRange(agent, 0.015, 0.025);
    }

    [Theory]
    [InlineData(ActorRole.Platform)]
    [InlineData(ActorRole.Recovery)]
    [InlineData(ActorRole.Admin)]
    [InlineData(ActorRole.System)]
    [InlineData(ActorRole.Auditor)]
    public void Sampling_NeverTakesActionsOfOtherRoles(ActorRole role) =>
        Assert.DoesNotContain(Enumerable.Range(1, 500), seq => AuditSampling.IsSampled(Everything, role, "LockPlaced", AuditSampling.EventId("a", seq)));

    [Fact]
    public void ShareOf_APerActionShare_ReplacesTheRoles()
    {
        var options = new AuditOptions { ActionShares = { ["Vendor.LockLifted"] = 1, ["agent.LockPlaced"] = 0 } };

        Assert.Equal(1, options.ShareOf(ActorRole.Vendor, "LockLifted"));
        Assert.Equal(0.10, options.ShareOf(ActorRole.Vendor, "LockPlaced"));
        Assert.Equal(0, options.ShareOf(ActorRole.Agent, "LockPlaced"));
        Assert.Equal(0.02, options.ShareOf(ActorRole.Agent, "LockLifted"));
    }

    [Fact]
    public void NobodyReviewsTheirOwnAction_UnderAnyKey()
    {
        var property = Prop.ForAll(People, People, Ids, (person, key, id) =>
        {
            var action = new AuditedAction(id, "LockPlaced", $"{key}-tool/{person}", ActorRole.Agent);
            var asThemselves = AuditRules.CheckVerdict(Everything, new Actor("audit-svc", ActorRole.Auditor, person), action, AuditVerdict.Correct, "G-1", null, alreadyReviewed: false);
            var asAdmin = AuditRules.CheckVerdict(Everything, new Actor("admin-svc", ActorRole.Admin, person), action, AuditVerdict.Incorrect, "G-1", "note", alreadyReviewed: false);
            var someoneElse = AuditRules.CheckVerdict(Everything, new Actor("audit-svc", ActorRole.Auditor, person + "-other"), action, AuditVerdict.Correct, "G-1", null, alreadyReviewed: false);
            return asThemselves?.Code == DomainErrorCode.PermissionDenied && asAdmin?.Code == DomainErrorCode.PermissionDenied && someoneElse is null;
        });

        Check.One(Config, property);
    }

    [Fact]
    public void AVerdictOnANonSampledAction_IsRefused_AndOnASampledOneAccepted()
    {
        var property = Prop.ForAll(Ids, Gen.Elements(ActorRole.Agent, ActorRole.Vendor).ToArbitrary(), (id, role) =>
        {
            var action = new AuditedAction(id, "LockPlaced", "tool/agent-9", role);
            var error = AuditRules.CheckVerdict(AuditOptions.Default, Auditor, action, AuditVerdict.Correct, "G-4.2", null, alreadyReviewed: false);
            return AuditSampling.IsSampled(AuditOptions.Default, role, "LockPlaced", id)
                ? error is null
                : error?.Code == DomainErrorCode.FailedPrecondition;
        });

        Check.One(Config, property);
    }

    [Theory]
    [InlineData(ActorRole.Agent)]
    [InlineData(ActorRole.Vendor)]
    [InlineData(ActorRole.Platform)]
    public void CheckVerdict_ByARoleThatIsNotAReviewer_IsPermissionDenied(ActorRole role) =>
        Assert.Equal(DomainErrorCode.PermissionDenied, AuditRules.CheckVerdict(
            Everything, new Actor("k", role, "someone"), new AuditedAction("a:1", "LockPlaced", "t/agent-9", ActorRole.Agent), AuditVerdict.Correct, "G-1", null, false)?.Code);

    [Theory]
    [InlineData(null, "")]
    [InlineData(" ", "")]
    [InlineData("G-1", "too long")]
    public void CheckVerdict_WithoutAGuidelineOrWithATooLongNote_IsInvalidArgument(string? guideline, string note) =>
        Assert.Equal(DomainErrorCode.InvalidArgument, AuditRules.CheckVerdict(
            Everything, Auditor, new AuditedAction("a:1", "LockPlaced", "t/agent-9", ActorRole.Agent), AuditVerdict.Correct, guideline,
            note == "too long" ? new string('n', AuditRules.MaxNoteLength + 1) : note, false)?.Code);

    [Fact]
    public void CheckVerdict_ASecondVerdict_IsRefused() =>
        Assert.Equal(DomainErrorCode.FailedPrecondition, AuditRules.CheckVerdict(
            Everything, Auditor, new AuditedAction("a:1", "LockPlaced", "t/agent-9", ActorRole.Agent), AuditVerdict.Correct, "G-1", null, alreadyReviewed: true)?.Code);

    [Theory]
    [InlineData(-0.1, 0.02, null)]
    [InlineData(0.1, 1.5, null)]
    [InlineData(0.1, 0.02, "Platform.LockPlaced")]
    [InlineData(0.1, 0.02, "Vendor.")]
    public void Validate_OutOfRange_NamesTheOption(double vendor, double agent, string? actionKey)
    {
        var options = new AuditOptions { VendorShare = vendor, AgentShare = agent };
        if (actionKey is not null)
        {
            options.ActionShares[actionKey] = 0.5;
        }

        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains(actionKey ?? (vendor < 0 ? nameof(AuditOptions.VendorShare) : nameof(AuditOptions.AgentShare)), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TheDefaults_Pass() => AuditOptions.Default.Validate();
}
