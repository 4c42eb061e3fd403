using AccountGrains.Abstractions;
using AccountGrains.Domain;
using AccountGrains.Grains.Tests.Support;
using static AccountGrains.Grains.Tests.Support.Callers;

namespace AccountGrains.Grains.Tests.Accounts;

/// <summary>
/// The account grain on a real Orleans silo and a real store: turn-based execution, activation from the
/// store, reads that write nothing, stale activations that never fork history, idempotency and snapshots
/// across a restart. Run against SQLite and PostgreSQL by the subclasses below.
/// </summary>
public abstract class AccountGrainBehaviourTests
{
    protected abstract Task<ITestStore> CreateStoreAsync();

    [Fact]
    public async Task ManyConcurrentLocks_OnOneAccount_AreAllAppliedInOneUnbrokenHistory()
    {
        await using var store = await CreateStoreAsync();
        await using var silo = await AccountCluster.StartAsync(store);
        var account = silo.Account("carol");

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            Task.Run(() => account.Lock(Agent, new LockRequest(Abstractions.LockReason.PolicyViolation, Note: $"n{i}")).AsTask())));

        var versions = results.Select(r => r.Version).Order().ToArray();
        Assert.Equal(Enumerable.Range(1, 200).Select(v => (long)v), versions);
        Assert.Equal(200, results.Select(r => r.LockId).Distinct().Count());
        var history = await account.GetHistory(Agent, 0, 1000);
        Assert.Equal(Enumerable.Range(1, 200).Select(v => (long)v), history.Events.Select(e => e.Seq));
        Assert.Equal(200, (await account.GetAccount(Agent)).Locks.Count);
    }

    [Fact]
    public async Task NeverSeenAccount_VerifyAndRead_WriteNothing()
    {
        await using var store = await CreateStoreAsync();
        await using var silo = await AccountCluster.StartAsync(store);
        var account = silo.Account("never.seen-1");

        var verdict = await account.Verify(Abstractions.VerifyAction.Login, "device-1");
        var posture = await account.GetAccount(Platform);

        Assert.Equal(Abstractions.VerifyDecision.Allow, verdict.Decision);
        Assert.Equal(0, verdict.Version);
        Assert.Equal("never.seen-1", posture.AccountId);
        Assert.Equal(0, posture.Version);
        Assert.False(posture.Locked);
        Assert.Equal(Abstractions.RiskLevel.Low, posture.Risk);
        Assert.Empty(await store.Events.ReadLogAsync(0, 10));
        Assert.Null(await store.Events.LoadSnapshotAsync("never.seen-1"));
        Assert.Empty(await silo.RemindersAsync("never.seen-1"));
    }

    [Fact]
    public async Task Activation_AfterDeactivation_LoadsTheStateFromTheStore()
    {
        await using var store = await CreateStoreAsync();
        await using var silo = await AccountCluster.StartAsync(store);
        var account = silo.Account("hana");
        var locked = await account.Lock(Agent, new LockRequest(Abstractions.LockReason.Compromised, Note: "case 1"));
        await account.ReportSignal(Platform, new SignalRequest(Abstractions.SignalKind.SuccessfulLogin, "phone-1"));

        await silo.DeactivateAsync("hana");
        var posture = await account.GetAccount(Agent);

        Assert.Equal(2, posture.Version);
        Assert.Equal(locked.LockId, Assert.Single(posture.Locks).LockId);
        Assert.Equal(["phone-1"], posture.Devices);
        Assert.Equal(Abstractions.VerifyDecision.Deny, (await account.Verify(Abstractions.VerifyAction.Login, "phone-1")).Decision);
    }

    [Fact]
    public async Task SiloRestart_ANewSiloOnTheSameStore_LoadsTheSameState()
    {
        await using var store = await CreateStoreAsync();
        AccountPosture before;
        await using (var first = await AccountCluster.StartAsync(store))
        {
            await first.Account("ivan").Lock(Agent, new LockRequest(Abstractions.LockReason.Impersonation));
            await first.Account("ivan").SetHighProfile(Admin, new SetHighProfileRequest(true));
            before = await first.Account("ivan").GetAccount(Agent);
        }

        await using var second = await AccountCluster.StartAsync(store);
        var after = await second.Account("ivan").GetAccount(Agent);

        Assert.Equal(before.Version, after.Version);
        Assert.True(after.HighProfile);
        Assert.Equal(before.Locks.Select(l => l.LockId), after.Locks.Select(l => l.LockId));
        Assert.Equal(Abstractions.BadgeStatus.Unverified, after.Badge.Status);
    }

    [Fact]
    public async Task StaleActivation_WritingAfterAnother_ReloadsAndAppendsAfterIt_NeverForks()
    {
        // Two silos of two clusters on one store each hold an activation of "dave": what a membership race could cause.
        await using var store = await CreateStoreAsync();
        await using var siloA = await AccountCluster.StartAsync(store);
        await using var siloB = await AccountCluster.StartAsync(store);
        Assert.Equal(0, (await siloB.Account("dave").Verify(Abstractions.VerifyAction.Login, null)).Version);

        var first = await siloA.Account("dave").Lock(Agent, new LockRequest(Abstractions.LockReason.Compromised));
        var second = await siloB.Account("dave").Lock(Agent, new LockRequest(Abstractions.LockReason.Impersonation));

        Assert.Equal(1, first.Version);
        Assert.Equal(2, second.Version);
        Assert.Equal([1L, 2L], (await store.Events.ReadStreamAsync("dave", 0, 100)).Select(e => e.Seq));
        var posture = await siloB.Account("dave").GetAccount(Agent);
        Assert.Equal([Abstractions.LockReason.Compromised, Abstractions.LockReason.Impersonation], posture.Locks.Select(l => l.Reason).Order());
    }

    [Fact]
    public async Task IdempotentLock_RepeatedAfterRestart_ReturnsTheFirstResultAndWritesNothing()
    {
        await using var store = await CreateStoreAsync();
        LockResult first;
        await using (var silo = await AccountCluster.StartAsync(store))
        {
            first = await silo.Account("erin").Lock(Agent, new LockRequest(Abstractions.LockReason.Compromised, IdempotencyKey: "case-42"));
        }

        await using var restarted = await AccountCluster.StartAsync(store);
        var again = await restarted.Account("erin").Lock(Agent, new LockRequest(Abstractions.LockReason.Compromised, IdempotencyKey: "case-42"));

        Assert.False(first.Replayed);
        Assert.True(again.Replayed);
        Assert.Equal(first.LockId, again.LockId);
        Assert.Equal(first.Version, again.Version);
        Assert.Single(await store.Events.ReadStreamAsync("erin", 0, 10));
    }

    [Fact]
    public async Task IdempotencyKey_OlderThanTheStateRemembers_IsReplayedFromTheStore()
    {
        await using var store = await CreateStoreAsync();
        await using var silo = await AccountCluster.StartAsync(store);
        var account = silo.Account("kim");
        var first = await account.Lock(Agent, new LockRequest(Abstractions.LockReason.SuspiciousActivity, IdempotencyKey: "k-0"));
        for (var i = 1; i <= AccountState.MaxRememberedKeys; i++)
        {
            await account.ReportSignal(Platform, new SignalRequest(Abstractions.SignalKind.SuccessfulLogin, IdempotencyKey: $"k-{i}"));
        }

        var again = await account.Lock(Agent, new LockRequest(Abstractions.LockReason.SuspiciousActivity, IdempotencyKey: "k-0"));

        Assert.True(again.Replayed);
        Assert.Equal(first.LockId, again.LockId);
        Assert.Equal(first.Version, again.Version);
        Assert.Equal(AccountState.MaxRememberedKeys + 1, (await store.Events.ReadStreamAsync("kim", 0, 100)).Count);
    }

    [Fact]
    public async Task Snapshots_AfterManyEvents_ARestartedSiloLoadsTheSameState()
    {
        await using var store = await CreateStoreAsync();
        var settings = new Dictionary<string, string?>(AccountCluster.FastReminders) { ["AccountGrains:Grains:SnapshotEvery"] = "10" };
        AccountPosture before;
        await using (var silo = await AccountCluster.StartAsync(store, settings))
        {
            var account = silo.Account("frank");
            for (var i = 0; i < 25; i++)
            {
                await account.ReportSignal(Platform, new SignalRequest(Abstractions.SignalKind.SuccessfulLogin, $"device-{i}"));
            }

            before = await account.GetAccount(Agent);
        }

        var snapshot = await Eventually.UntilAsync(() => store.Events.LoadSnapshotAsync("frank").AsTask(), s => s?.Version == 20);
        Assert.Equal(20, snapshot?.Version);
        await using var restarted = await AccountCluster.StartAsync(store, settings);
        var after = await restarted.Account("frank").GetAccount(Agent);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Devices, after.Devices);
    }

    [Fact]
    public async Task GracefulStop_WithCallsInFlight_LosesNoAcknowledgedWrite()
    {
        await using var store = await CreateStoreAsync();
        var silo = await AccountCluster.StartAsync(store);
        var calls = Enumerable.Range(0, 100).Select(i => Task.Run(async () =>
        {
            var id = $"acct-{i % 10}";
            try
            {
                var r = await silo.Account(id).Lock(Agent, new LockRequest(Abstractions.LockReason.PolicyViolation, Note: $"call-{i}"));
                return (Account: id, Version: r.Version);
            }
#pragma warning disable CA1031 // Any failure means "not acknowledged", which is all this test distinguishes.
            catch (Exception)
#pragma warning restore CA1031
            {
                return (Account: id, Version: -1L);
            }
        })).ToArray();

        await silo.DisposeAsync();
        var results = await Task.WhenAll(calls);

        foreach (var account in results.Select(r => r.Account).Distinct())
        {
            // History is unbroken, and every acknowledged version is in it (an unacknowledged call's outcome is
            // unknown by contract: it may have committed before its reply was lost).
            var stored = await store.Events.ReadStreamAsync(account, 0, 1000);
            Assert.Equal(Enumerable.Range(1, stored.Count).Select(v => (long)v), stored.Select(e => e.Seq));
            foreach (var acknowledged in results.Where(r => r.Account == account && r.Version > 0))
            {
                Assert.Contains(stored, e => e.Seq == acknowledged.Version);
            }
        }
    }
}

public sealed class AccountGrainOnSqliteTests : AccountGrainBehaviourTests
{
    protected override Task<ITestStore> CreateStoreAsync() => SqliteTestStore.CreateAsync();
}

public sealed class AccountGrainOnPostgresTests : AccountGrainBehaviourTests
{
    protected override Task<ITestStore> CreateStoreAsync() => PostgresTestStore.CreateAsync();

    [Fact]
    public async Task WarmDuplicateActivation_HearsTheOtherSilosLock_AndStopsAllowing()
    {
        // Two silos of two clusters on one store, each with a warm activation of "erin": what a directory race during a
        // rolling restart leaves behind. The lock acknowledged by one must reach the other's answers (invariant 2).
        await using var store = await CreateStoreAsync();
        await using var siloA = await AccountCluster.StartAsync(store);
        await using var siloB = await AccountCluster.StartAsync(store);
        Assert.Equal(Abstractions.VerifyDecision.Allow, (await siloA.Account("erin").Verify(Abstractions.VerifyAction.Login, null)).Decision);
        Assert.Equal(0, (await siloB.Account("erin").Verify(Abstractions.VerifyAction.Login, null)).Version);

        var locked = await siloB.Account("erin").Lock(Agent, new LockRequest(Abstractions.LockReason.Compromised));
        var verdict = await Eventually.UntilAsync(
            () => siloA.Account("erin").Verify(Abstractions.VerifyAction.Login, null).AsTask(),
            v => v.Decision != Abstractions.VerifyDecision.Allow);

        Assert.NotEqual(Abstractions.VerifyDecision.Allow, verdict.Decision);
        Assert.Equal(locked.Version, verdict.Version);
    }

    [Fact]
    public async Task OwnWrites_DoNotMakeTheActivationReload()
    {
        var postgres = (PostgresTestStore)await CreateStoreAsync();
        await using var store = new ControlledStore(postgres);
        await using var silo = await AccountCluster.StartAsync(store);
        var account = silo.Account("frank");
        var lastLock = await account.Lock(Agent, new LockRequest(Abstractions.LockReason.PolicyViolation));
        for (var i = 0; i < 19; i++)
        {
            lastLock = await account.Lock(Agent, new LockRequest(Abstractions.LockReason.PolicyViolation, Note: $"n{i}"));
        }

        // Every commit's notification comes back to this silo too. The silo's activations heard the last one once
        // this later subscriber did (one listener calls its observers in order); none may count as another's write.
        var heard = new Heard("frank", lastLock.Version);
        using (postgres.CommitFeed.Subscribe(heard))
        {
            await account.Lock(Agent, new LockRequest(Abstractions.LockReason.PolicyViolation, Note: "last"));
            await heard.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }

        var reads = store.StreamReads;
        for (var i = 0; i < 20; i++)
        {
            Assert.NotEqual(Abstractions.VerifyDecision.Allow, (await account.Verify(Abstractions.VerifyAction.Login, null)).Decision);
        }

        Assert.Equal(reads, store.StreamReads);
    }

    private sealed class Heard(string accountId, long afterVersion) : Storage.IAccountCommitObserver
    {
        private readonly TaskCompletionSource _heard = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Task => _heard.Task;

        public void OnCommitted(string account, long version)
        {
            if (account == accountId && version > afterVersion)
            {
                _heard.TrySetResult();
            }
        }

        public void OnGap()
        {
        }
    }
}
