using AccountGrains.Domain;
using AccountGrains.Grains.Tests.Support;
using AccountGrains.Runtime;
using AccountGrains.Testing;

namespace AccountGrains.Grains.Tests.Accounts;

/// <summary>
/// The account grain end to end on a real store: durable timers across a restart, turn-based
/// execution, reads that write nothing, stale activations that never fork history. Run against
/// SQLite and PostgreSQL by the subclasses below.
/// </summary>
public abstract class AccountGrainBehaviourTests
{
    private static readonly Actor Agent = new("integrity-key", ActorRole.Agent, "agent-7");
    private static readonly Actor RecoveryFlow = new("recovery-key", ActorRole.Recovery);

    protected abstract Task<ITestStore> CreateStoreAsync();

    [Fact]
    public async Task TemporaryLock_AfterSiloRestart_ExpiresOnTimeByTheDurableTimer()
    {
        await using var store = await CreateStoreAsync();
        var time = new ManualTimeProvider();
        var placedAt = time.GetUtcNow();
        string lockId;
        await using (var first = await SiloHarness.StartAsync(store.Events, store.Reminders, time))
        {
            var decision = await first.Grains.GetAccount("alice").ExecuteAsync(new LockAccount(Agent, LockReason.SuspiciousActivity, TimeSpan.FromMinutes(15)));
            lockId = Assert.IsType<LockOutcome>(decision.Outcome).LockId;
            Assert.Equal(VerifyDecision.Deny, (await first.Grains.GetAccount("alice").VerifyAsync(VerifyAction.Login, null)).Decision);
        }

        await using var second = await SiloHarness.StartAsync(store.Events, store.Reminders, time);
        time.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        await Task.Delay(200); // let the polls the clock set off finish; nothing may expire yet
        Assert.DoesNotContain((await second.History.ReadAsync("alice", 0, 100)).Events, e => e.Type == EventTypeNames.LockExpired);

        time.Advance(TimeSpan.FromSeconds(1));
        var history = await Eventually.UntilAsync(
            () => second.History.ReadAsync("alice", 0, 100).AsTask(),
            page => page.Events.Any(e => e.Type == EventTypeNames.LockExpired));

        var expired = Assert.Single(history.Events, e => e.Type == EventTypeNames.LockExpired);
        Assert.Equal(placedAt + TimeSpan.FromMinutes(15), expired.At);
        Assert.Equal(Actor.System.Display, expired.Actor);
        Assert.Contains(lockId, expired.DataJson, StringComparison.Ordinal);
        Assert.Equal(VerifyDecision.Allow, (await second.Grains.GetAccount("alice").VerifyAsync(VerifyAction.Login, null)).Decision);
        Assert.Empty(await store.Reminders.ReadRemindersAsync("account/alice"));
    }

    [Fact]
    public async Task ShortLock_DueBeforeTheNextPoll_ExpiresOnTimeAnyway()
    {
        await using var store = await CreateStoreAsync();
        var time = new ManualTimeProvider();
        var settings = new Dictionary<string, string?>
        {
            ["AccountGrains:Reminders:PollPeriod"] = "00:10:00",
            ["AccountGrains:Reminders:LookAhead"] = "00:20:00",
        };
        await using var silo = await SiloHarness.StartAsync(store.Events, store.Reminders, time, settings);
        var placedAt = time.GetUtcNow();

        await silo.Grains.GetAccount("gina").ExecuteAsync(new LockAccount(Agent, LockReason.UserRequested, TimeSpan.FromSeconds(30)));
        time.Advance(TimeSpan.FromSeconds(30));
        var history = await Eventually.UntilAsync(
            () => silo.History.ReadAsync("gina", 0, 100).AsTask(),
            page => page.Events.Any(e => e.Type == EventTypeNames.LockExpired));

        Assert.Equal(placedAt + TimeSpan.FromSeconds(30), Assert.Single(history.Events, e => e.Type == EventTypeNames.LockExpired).At);
    }

    [Fact]
    public async Task OpenRecoveryAttempt_AfterSiloRestart_ExpiresByTheDurableTimer()
    {
        await using var store = await CreateStoreAsync();
        var time = new ManualTimeProvider();
        RecoveryStartedOutcome started;
        await using (var first = await SiloHarness.StartAsync(store.Events, store.Reminders, time))
        {
            var decision = await first.Grains.GetAccount("bob").ExecuteAsync(new StartRecovery(RecoveryFlow, RecoveryChannel.Email));
            started = Assert.IsType<RecoveryStartedOutcome>(decision.Outcome);
        }

        await using var second = await SiloHarness.StartAsync(store.Events, store.Reminders, time);
        time.Advance(started.ExpiresAt - time.GetUtcNow() - TimeSpan.FromSeconds(1));
        await Task.Delay(200); // let the polls the clock set off finish, as they would in real time
        time.Advance(TimeSpan.FromSeconds(1));
        var history = await Eventually.UntilAsync(
            () => second.History.ReadAsync("bob", 0, 100).AsTask(),
            page => page.Events.Any(e => e.Type == EventTypeNames.RecoveryAttemptExpired));

        Assert.Equal(started.ExpiresAt, Assert.Single(history.Events, e => e.Type == EventTypeNames.RecoveryAttemptExpired).At);
        var view = await second.Grains.GetAccount("bob").GetViewAsync();
        Assert.Null(view.Recovery.OpenAttemptId);
        var late = await second.Grains.GetAccount("bob").ExecuteAsync(new CompleteRecovery(RecoveryFlow, started.AttemptId, started.Code!));
        Assert.False(late.IsSuccess);
    }

    [Fact]
    public async Task ManyConcurrentCommands_OnOneAccount_AreAllAppliedInOneUnbrokenHistory()
    {
        await using var store = await CreateStoreAsync();
        await using var silo = await SiloHarness.StartAsync(store.Events, store.Reminders, new ManualTimeProvider());
        var account = silo.Grains.GetAccount("carol");

        var decisions = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            Task.Run(() => account.ExecuteAsync(new LockAccount(Agent, LockReason.PolicyViolation, Note: $"n{i}")).AsTask())));

        var versions = decisions.Select(d => Assert.IsType<LockOutcome>(d.Outcome).Version).Order().ToArray();
        Assert.Equal(Enumerable.Range(1, 200).Select(v => (long)v), versions);
        var history = await silo.History.ReadAsync("carol", 0, 1000);
        Assert.Equal(Enumerable.Range(1, 200).Select(v => (long)v), history.Events.Select(e => e.Seq));
        Assert.Equal(200, (await account.GetViewAsync()).Locks.Count);
    }

    [Fact]
    public async Task NeverSeenAccount_VerifyAndRead_WriteNothing()
    {
        await using var store = await CreateStoreAsync();
        await using var silo = await SiloHarness.StartAsync(store.Events, store.Reminders, new ManualTimeProvider());
        var account = silo.Grains.GetAccount("never.seen-1");

        var verdict = await account.VerifyAsync(VerifyAction.Login, "device-1");
        var view = await account.GetViewAsync();

        Assert.Equal(VerifyDecision.Allow, verdict.Decision);
        Assert.Equal(0, verdict.Version);
        Assert.Equal(0, view.Version);
        Assert.False(view.Locked);
        Assert.Equal(RiskLevel.Low, view.Risk);
        Assert.Empty(await store.Events.ReadLogAsync(0, 10));
        Assert.Empty(await store.Events.ReadStreamAsync("never.seen-1", 0, 10));
        Assert.Empty(await store.Reminders.ReadRemindersAsync("account/never.seen-1"));
    }

    [Fact]
    public async Task StaleActivation_WritingAfterAnother_ReloadsAndAppendsAfterIt_NeverForks()
    {
        // Two silos on one store each hold an activation of "dave": what a membership race could cause.
        await using var store = await CreateStoreAsync();
        var time = new ManualTimeProvider();
        await using var siloA = await SiloHarness.StartAsync(store.Events, store.Reminders, time);
        await using var siloB = await SiloHarness.StartAsync(store.Events, store.Reminders, time);
        Assert.Equal(0, (await siloB.Grains.GetAccount("dave").VerifyAsync(VerifyAction.Login, null)).Version);

        var first = await siloA.Grains.GetAccount("dave").ExecuteAsync(new LockAccount(Agent, LockReason.Compromised));
        var second = await siloB.Grains.GetAccount("dave").ExecuteAsync(new LockAccount(Agent, LockReason.Impersonation));

        Assert.Equal(1, Assert.IsType<LockOutcome>(first.Outcome).Version);
        Assert.Equal(2, Assert.IsType<LockOutcome>(second.Outcome).Version);
        var history = await siloA.History.ReadAsync("dave", 0, 100);
        Assert.Equal([1L, 2L], history.Events.Select(e => e.Seq));
        var view = await siloB.Grains.GetAccount("dave").GetViewAsync();
        Assert.Equal(
            [LockReason.Compromised, LockReason.Impersonation],
            view.Locks.Select(l => l.Reason).Order());
    }

    [Fact]
    public async Task IdempotentLock_RepeatedAfterRestart_ReturnsTheFirstResultAndWritesNothing()
    {
        await using var store = await CreateStoreAsync();
        var time = new ManualTimeProvider();
        LockOutcome first;
        await using (var silo = await SiloHarness.StartAsync(store.Events, store.Reminders, time))
        {
            var decision = await silo.Grains.GetAccount("erin").ExecuteAsync(new LockAccount(Agent, LockReason.Compromised) { IdempotencyKey = "case-42" });
            first = Assert.IsType<LockOutcome>(decision.Outcome);
        }

        await using var restarted = await SiloHarness.StartAsync(store.Events, store.Reminders, time);
        var again = await restarted.Grains.GetAccount("erin").ExecuteAsync(new LockAccount(Agent, LockReason.Compromised) { IdempotencyKey = "case-42" });

        var repeat = Assert.IsType<LockOutcome>(again.Outcome);
        Assert.Equal(first.LockId, repeat.LockId);
        Assert.Equal(first.Version, repeat.Version);
        Assert.True(repeat.Replayed);
        Assert.Single(await store.Events.ReadStreamAsync("erin", 0, 10));
    }

    [Fact]
    public async Task Snapshots_AfterManyEvents_ARestartedSiloLoadsTheSameState()
    {
        await using var store = await CreateStoreAsync();
        var time = new ManualTimeProvider();
        var settings = new Dictionary<string, string?> { ["AccountGrains:Grains:SnapshotEvery"] = "10" };
        AccountView before;
        await using (var silo = await SiloHarness.StartAsync(store.Events, store.Reminders, time, settings))
        {
            var account = silo.Grains.GetAccount("frank");
            for (var i = 0; i < 25; i++)
            {
                await account.ExecuteAsync(new ReportSignal(new Actor("platform-key", ActorRole.Platform), SignalKind.SuccessfulLogin, $"device-{i}"));
            }

            before = await account.GetViewAsync();
        }

        var snapshot = await Eventually.UntilAsync(() => store.Events.LoadSnapshotAsync("frank").AsTask(), s => s?.Version == 20);
        Assert.Equal(20, snapshot?.Version);
        await using var restarted = await SiloHarness.StartAsync(store.Events, store.Reminders, time, settings);
        var after = await restarted.Grains.GetAccount("frank").GetViewAsync();
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Devices, after.Devices);
    }

    [Fact]
    public async Task GracefulStop_WithCallsInFlight_LosesNoAcknowledgedWrite()
    {
        await using var store = await CreateStoreAsync();
        var silo = await SiloHarness.StartAsync(store.Events, store.Reminders, new ManualTimeProvider());
        var grains = silo.Grains;
        var calls = Enumerable.Range(0, 100).Select(i => Task.Run(async () =>
        {
            try
            {
                var d = await grains.GetAccount($"acct-{i % 10}").ExecuteAsync(new LockAccount(Agent, LockReason.PolicyViolation, Note: $"call-{i}"));
                return (Account: $"acct-{i % 10}", Version: Assert.IsType<LockOutcome>(d.Outcome).Version);
            }
            catch (SiloUnavailableException)
            {
                return (Account: $"acct-{i % 10}", Version: -1L);
            }
        })).ToArray();

        await silo.DisposeAsync();
        var results = await Task.WhenAll(calls);

        foreach (var acknowledged in results.Where(r => r.Version > 0))
        {
            var events = await store.Events.ReadStreamAsync(acknowledged.Account, acknowledged.Version - 1, 1);
            Assert.Equal(acknowledged.Version, Assert.Single(events).Seq);
        }

        foreach (var account in results.Select(r => r.Account).Distinct())
        {
            var acked = results.Count(r => r.Account == account && r.Version > 0);
            Assert.Equal(acked, (await store.Events.ReadStreamAsync(account, 0, 1000)).Count);
        }
    }
}

public sealed class AccountGrainOnSqliteTests : AccountGrainBehaviourTests
{
    protected override Task<ITestStore> CreateStoreAsync() => StoreFactories.SqliteAsync();
}

public sealed class AccountGrainOnPostgresTests : AccountGrainBehaviourTests
{
    protected override Task<ITestStore> CreateStoreAsync() => StoreFactories.PostgresAsync();
}
