using AccountGrains.Abstractions;
using AccountGrains.Domain;
using AccountGrains.Grains.Tests.Support;
using AccountGrains.Testing;
using static AccountGrains.Grains.Tests.Support.Callers;

namespace AccountGrains.Grains.Tests.Accounts;

/// <summary>
/// Dual control, appeals and feedback labels through the grain: the same activation answers both interfaces, the
/// workflows survive a reload from the store, a request lapses by the grain's deadline machinery, and the
/// configuration section turns an action's dual control off.
/// </summary>
public sealed class AccountGrainWorkflowTests
{
    private static readonly Caller Agent8 = new("integrity-key", CallerRole.Agent, "agent-8");
    private static readonly Caller Vendor = new("vendor-key", CallerRole.Vendor, "vendor-3");

    [Fact]
    public async Task IdentityUnlock_OpensARequest_AnotherAgentApproves_AndItSurvivesAReload()
    {
        await using var store = await SqliteTestStore.CreateAsync();
        await using var silo = await AccountCluster.StartAsync(store);
        var account = silo.Account("dana");
        var workflows = silo.Client.GetGrain<IAccountWorkflowGrain>("dana");
        var placed = await account.Lock(Agent, new LockRequest(Abstractions.LockReason.Impersonation));

        var unlock = await account.Unlock(Agent, new UnlockRequest(Abstractions.UnlockScope.ById, placed.LockId, Note: "verified ID"));
        Assert.NotNull(unlock.Pending);
        Assert.Empty(unlock.LiftedLockIds);
        Assert.True(unlock.Account.Locked);
        Assert.Equal(unlock.Pending, Assert.Single(unlock.Account.PendingRequests));
        await silo.DeactivateAsync("dana");

        var own = await Assert.ThrowsAsync<AccountRefusedException>(() => workflows.ApproveRequest(Agent, new AnswerRequest(unlock.Pending.RequestId)).AsTask());
        Assert.Equal(RefusalCode.PermissionDenied, own.Code);
        var vendor = await Assert.ThrowsAsync<AccountRefusedException>(() => workflows.ApproveRequest(Vendor, new AnswerRequest(unlock.Pending.RequestId)).AsTask());
        Assert.Equal(RefusalCode.PermissionDenied, vendor.Code);
        var approved = await workflows.ApproveRequest(Agent8, new AnswerRequest(unlock.Pending.RequestId, "second look"));

        Assert.True(approved.Approved);
        Assert.Equal([placed.LockId], approved.LiftedLockIds);
        Assert.False((await account.GetAccount(Agent)).Locked);
        var types = (await account.GetHistory(Agent, 0, 100)).Events.Select(e => e.Type).ToList();
        Assert.Equal([EventTypeNames.LockPlaced, EventTypeNames.DualControlRequested, EventTypeNames.DualControlApproved, EventTypeNames.LockLifted], types);
    }

    [Fact]
    public async Task PendingRequest_LapsesByTheGrainTimer_AndIsThenRefused()
    {
        await using var store = await SqliteTestStore.CreateAsync();
        var time = new ManualTimeProvider();
        await using var silo = await AccountCluster.StartAsync(store, grainClock: time);
        var account = silo.Account("eli");
        var workflows = silo.Client.GetGrain<IAccountWorkflowGrain>("eli");
        await account.SetHighProfile(Admin, new SetHighProfileRequest(true));
        await account.GrantVerification(Agent, new GrantVerificationRequest("journalist"));
        var revoke = await account.RevokeVerification(Agent, new RevokeVerificationRequest("impersonation report"));
        Assert.NotNull(revoke.Pending);
        Assert.Equal(Abstractions.BadgeStatus.Verified, revoke.Badge.Status);
        Assert.Single(await silo.RemindersAsync("eli"));

        time.Advance(TimeSpan.FromHours(24));
        var history = await Eventually.UntilAsync(
            () => account.GetHistory(Agent, 0, 100).AsTask(),
            page => page.Events.Any(e => e.Type == EventTypeNames.DualControlLapsed));

        Assert.Equal(revoke.Pending.ExpiresAt, Assert.Single(history.Events, e => e.Type == EventTypeNames.DualControlLapsed).At);
        Assert.Empty((await account.GetAccount(Agent)).PendingRequests);
        var lapsed = await Assert.ThrowsAsync<AccountRefusedException>(() => workflows.ApproveRequest(Agent8, new AnswerRequest(revoke.Pending.RequestId)).AsTask());
        Assert.Equal(RefusalCode.NotFound, lapsed.Code);
        Assert.Equal(Abstractions.BadgeStatus.Verified, (await account.GetAccount(Agent)).Badge.Status);
    }

    [Fact]
    public async Task Appeal_FiledByPlatform_OverturnedByAnAgent_LiftsExactlyItsLock()
    {
        await using var store = await SqliteTestStore.CreateAsync();
        await using var silo = await AccountCluster.StartAsync(store);
        var account = silo.Account("fay");
        var workflows = silo.Client.GetGrain<IAccountWorkflowGrain>("fay");
        var other = await account.Lock(Agent, new LockRequest(Abstractions.LockReason.Compromised));
        var contested = await account.Lock(Agent, new LockRequest(Abstractions.LockReason.PolicyViolation));

        var filed = await workflows.FileAppeal(Platform, new FileAppealRequest(contested.LockId, "I did not post that"));
        Assert.Equal(filed.Appeal, Assert.Single(filed.Account.OpenAppeals));
        var twice = await Assert.ThrowsAsync<AccountRefusedException>(() => workflows.FileAppeal(Platform, new FileAppealRequest(contested.LockId, "again")).AsTask());
        Assert.Equal(RefusalCode.FailedPrecondition, twice.Code);
        await silo.DeactivateAsync("fay");

        var decided = await workflows.DecideAppeal(Agent, new DecideAppealRequest(filed.Appeal.AppealId, Abstractions.AppealDecision.Overturned, "mistaken"));

        Assert.Equal([contested.LockId], decided.LiftedLockIds);
        Assert.Equal([other.LockId], decided.Account.Locks.Select(l => l.LockId));
        Assert.Empty(decided.Account.OpenAppeals);
    }

    [Fact]
    public async Task Label_AnAutomaticLock_ShowsOnTheAccount()
    {
        await using var store = await SqliteTestStore.CreateAsync();
        await using var silo = await AccountCluster.StartAsync(store);
        var account = silo.Account("gus");
        var workflows = silo.Client.GetGrain<IAccountWorkflowGrain>("gus");
        string? lockId = null;
        for (var i = 0; i < AccountRulesOptions.Default.BruteForceThreshold; i++)
        {
            lockId ??= (await account.ReportSignal(Platform, new SignalRequest(Abstractions.SignalKind.FailedLogin))).BruteForceLockId;
        }

        Assert.NotNull(lockId);
        var labelled = await workflows.LabelAutomaticLock(Agent, new LabelLockRequest(lockId, Abstractions.FeedbackLabel.FalsePositive, "owner typo"));

        var auto = Assert.Single(labelled.Account.AutomaticLocks);
        Assert.Equal((lockId, Abstractions.LockReason.BruteForce, (Abstractions.FeedbackLabel?)Abstractions.FeedbackLabel.FalsePositive), (auto.LockId, auto.Rule, auto.Label));
        var again = await Assert.ThrowsAsync<AccountRefusedException>(() => workflows.LabelAutomaticLock(Agent8, new LabelLockRequest(lockId, Abstractions.FeedbackLabel.ConfirmedCompromise)).AsTask());
        Assert.Equal(RefusalCode.FailedPrecondition, again.Code);
    }

    [Fact]
    public async Task DualControl_IsBoundFromItsConfigurationSection()
    {
        await using var store = await SqliteTestStore.CreateAsync();
        var settings = new Dictionary<string, string?>(AccountCluster.FastReminders) { ["AccountGrains:DualControl:IdentityLockLift"] = "false" };
        await using var silo = await AccountCluster.StartAsync(store, settings);
        var account = silo.Account("hal");
        var placed = await account.Lock(Agent, new LockRequest(Abstractions.LockReason.Impersonation));

        var unlock = await account.Unlock(Agent, new UnlockRequest(Abstractions.UnlockScope.ById, placed.LockId));

        Assert.Null(unlock.Pending);
        Assert.Equal([placed.LockId], unlock.LiftedLockIds);
    }
}
