using AccountGrains.Domain.Tests.Support;
using FsCheck;
using FsCheck.Fluent;

namespace AccountGrains.Domain.Tests.Workflows;

/// <summary>
/// Random sequences of locks, unlocks, badge changes, brute-force trips, requests, approvals, rejections, appeals,
/// decisions, labels and timer ticks, by a pool of callers (two keys for one agent among them), with time passing.
/// </summary>
public sealed class WorkflowPropertyTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(300);

    private static readonly Actor[] Pool =
    [
        new("integrity-console", ActorRole.Agent, "agent-7"),
        new("bulk-tool", ActorRole.Agent, "agent-7"),
        new("integrity-console", ActorRole.Agent, "agent-8"),
        new("vendor-console", ActorRole.Vendor, "vendor-3"),
        new("vendor-console", ActorRole.Vendor, "vendor-4"),
        new("sre", ActorRole.Admin),
        new("login-service", ActorRole.Platform),
    ];

    private static readonly LockReason[] LockReasonsToPlace = [LockReason.Impersonation, LockReason.DeceptiveIdentity, LockReason.PolicyViolation, LockReason.Compromised];

    private static readonly Gen<WorkflowStep> Step =
        from minutes in Gen.Frequency((5, Gen.Choose(0, 30)), (1, Gen.Choose(60, 60 * 30)))
        from kind in Gen.Elements(Enum.GetValues<WorkflowStepKind>())
        from who in Gen.Choose(0, Pool.Length - 1)
        from n in Gen.Choose(0, 9)
        select new WorkflowStep(TimeSpan.FromMinutes(minutes), kind, who, n);

    private static readonly Arbitrary<WorkflowStep[]> Scenarios =
        Gen.Choose(1, 50).SelectMany(length => Gen.ArrayOf(Step, length)).ToArbitrary();

    /// <summary>
    /// No sequence lets one person both request and approve (or reject), a vendor never approves, a lapsed request is
    /// never approved, an identity lock or a high-profile account's lock is lifted by hand only on an approval, a
    /// high-profile badge is revoked by hand only on an approval, an overturned appeal lifts exactly its lock and no
    /// other, a label lands only on an unlabelled automatic lock; and the serialized history replays to the live state.
    /// </summary>
    [Fact]
    public void RandomWorkflowSequences_KeepTheFourEyesAndAppealRules()
    {
        FsCheck.Check.One(Config, Prop.ForAll(Scenarios, steps => Run(steps)));
    }

    private static void Run(WorkflowStep[] steps)
    {
        var account = new AccountHarness();
        foreach (var step in steps)
        {
            account.Advance(step.Delta);
            var actor = Pool[step.Who];
            var before = AccountSnapshotSerializer.Deserialize(AccountSnapshotSerializer.Serialize(account.State));
            var command = CommandFor(step, actor, account.State, account.Now);
            var decision = AccountDecider.Decide(account.State, command, account.Context);
            if (decision.IsSuccess)
            {
                Check(command, decision.Events, before, account.Now);
            }

            account.Run(command);
        }

        var replayed = AccountState.Replay(account.History.Select(RoundTrip));
        Assert.Equal(AccountSnapshotSerializer.Serialize(account.State), AccountSnapshotSerializer.Serialize(replayed));
    }

    private static AccountCommand CommandFor(WorkflowStep step, Actor actor, AccountState state, DateTimeOffset now)
    {
        string Pick<T>(IReadOnlyList<T> items, Func<T, string> id, string missing) => items.Count == 0 ? missing : id(items[step.N % items.Count]);
        var locks = state.ActiveLocks(now);
        return step.Kind switch
        {
            WorkflowStepKind.Lock => new LockAccount(Pool[step.N % 3], LockReasonsToPlace[step.N % 4], step.N > 5 ? TimeSpan.FromHours(step.N) : null),
            WorkflowStepKind.UnlockById => new UnlockAccount(actor, UnlockScope.ById, Pick(locks, l => l.LockId, "lock-0")),
            WorkflowStepKind.UnlockAll => new UnlockAccount(actor, UnlockScope.All),
            WorkflowStepKind.Grant => new GrantVerification(Pool[2], "journalist"),
            WorkflowStepKind.Revoke => new RevokeVerification(actor, "report"),
            WorkflowStepKind.HighProfile => new SetHighProfile(Pool[5], step.N % 2 == 0),
            WorkflowStepKind.Approve => new ApproveRequest(actor, Pick(state.PendingRequests, r => r.RequestId, "request-0")),
            WorkflowStepKind.Reject => new RejectRequest(actor, Pick(state.PendingRequests, r => r.RequestId, "request-0")),
            WorkflowStepKind.FileAppeal => new FileAppeal(step.N % 5 == 0 ? actor : Pool[6], Pick(locks, l => l.LockId, "lock-0"), "not me"),
            WorkflowStepKind.DecideAppeal => new DecideAppeal(actor, Pick(state.OpenAppeals, a => a.AppealId, "appeal-0"), step.N % 2 == 0 ? AppealDecision.Overturned : AppealDecision.Upheld, "reviewed"),
            WorkflowStepKind.Label => new LabelAutomaticLock(actor, Pick(state.AutomaticLocks, a => a.LockId, Pick(locks, l => l.LockId, "lock-0")), step.N % 2 == 0 ? FeedbackLabel.FalsePositive : FeedbackLabel.ConfirmedCompromise),
            WorkflowStepKind.FailedLogins => new ReportSignal(Pool[6], SignalKind.FailedLogin),
            _ => ExpireDue.FromTimer,
        };
    }

    private static void Check(AccountCommand command, IReadOnlyList<AccountEvent> events, AccountState before, DateTimeOffset now)
    {
        var approved = events.Count > 0 && events[0] is DualControlApproved;
        foreach (var evt in events)
        {
            switch (evt)
            {
                case DualControlApproved or DualControlRejected:
                    var id = evt is DualControlApproved a ? a.RequestId : ((DualControlRejected)evt).RequestId;
                    var request = before.PendingRequests.Single(r => r.RequestId == id);
                    Assert.NotEqual(request.Requester, DualControlPeople.PersonOf(command.Actor));
                    Assert.NotEqual(ActorRole.Vendor, command.Actor.Role);
                    Assert.True(request.IsOpenAt(now), "A lapsed request was answered.");
                    break;
                case LockLifted { Cause: LiftCause.Manual } lifted when LockReasons.RevokesBadge(lifted.LockReason) || before.HighProfile:
                    Assert.True(approved, $"{lifted.LockId} ({lifted.LockReason}) was lifted without an approval.");
                    break;
                case VerificationRevoked { LockId: null } when before.HighProfile:
                    Assert.True(approved, "A high-profile badge was revoked without an approval.");
                    break;
                case AppealDecided { Decision: AppealDecision.Overturned } decided:
                    var liftedIds = events.OfType<LockLifted>().Select(l => l.LockId).ToList();
                    var active = before.ActiveLocks(now).Select(l => l.LockId).ToList();
                    Assert.Equal(active.Contains(decided.LockId) ? [decided.LockId] : [], liftedIds);
                    Assert.Equal(before.OpenAppeals.Single(o => o.AppealId == decided.AppealId).LockId, decided.LockId);
                    break;
                case AutomaticLockLabelled labelled:
                    Assert.Null(before.AutomaticLocks.Single(l => l.LockId == labelled.LockId).Label);
                    break;
                default:
                    break;
            }
        }
    }

    private static AccountEvent RoundTrip(AccountEvent e) =>
        AccountEventSerializer.Deserialize(AccountEventSerializer.TypeOf(e), AccountEventSerializer.SerializePayload(e), e.At, e.Actor, e.Reason);
}

internal enum WorkflowStepKind
{
    Lock,
    UnlockById,
    UnlockAll,
    Grant,
    Revoke,
    HighProfile,
    Approve,
    Reject,
    FileAppeal,
    DecideAppeal,
    Label,
    FailedLogins,
    Timer,
}

internal sealed record WorkflowStep(TimeSpan Delta, WorkflowStepKind Kind, int Who, int N)
{
    public override string ToString() => $"+{Delta} {Kind} who#{Who} n={N}";
}
