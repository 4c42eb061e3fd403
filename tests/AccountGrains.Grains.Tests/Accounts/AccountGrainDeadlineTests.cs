using AccountGrains.Abstractions;
using AccountGrains.Domain;
using AccountGrains.Grains.Tests.Support;
using AccountGrains.Testing;
using static AccountGrains.Grains.Tests.Support.Callers;

namespace AccountGrains.Grains.Tests.Accounts;

/// <summary>
/// Deadlines while the account is active: the grain timer writes the expiry event at the deadline. The
/// grains and their timers run on a manual clock (Orleans' per-area time providers keep its own loops on
/// real time), so "on time" is exact and nothing sleeps.
/// </summary>
public abstract class AccountGrainDeadlineTests
{
    protected abstract Task<ITestStore> CreateStoreAsync();

    [Fact]
    public async Task TemporaryLock_WhileActive_ExpiresOnTimeByTheGrainTimer()
    {
        await using var store = await CreateStoreAsync();
        var time = new ManualTimeProvider();
        await using var silo = await AccountCluster.StartAsync(store, grainClock: time);
        var account = silo.Account("alice");
        var placedAt = time.GetUtcNow();
        var locked = await account.Lock(Agent, new LockRequest(Abstractions.LockReason.SuspiciousActivity, TimeSpan.FromMinutes(15)));
        Assert.Single(await silo.RemindersAsync("alice"));

        time.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        Assert.DoesNotContain((await account.GetHistory(Agent, 0, 100)).Events, e => e.Type == EventTypeNames.LockExpired);
        Assert.Equal(Abstractions.VerifyDecision.Deny, (await account.Verify(Abstractions.VerifyAction.Login, null)).Decision);
        time.Advance(TimeSpan.FromSeconds(1));
        var history = await Eventually.UntilAsync(
            () => account.GetHistory(Agent, 0, 100).AsTask(),
            page => page.Events.Any(e => e.Type == EventTypeNames.LockExpired));

        var expired = Assert.Single(history.Events, e => e.Type == EventTypeNames.LockExpired);
        Assert.Equal(placedAt + TimeSpan.FromMinutes(15), expired.At);
        Assert.Equal(Actor.System.Display, expired.Actor);
        Assert.Contains(locked.LockId, expired.DataJson, StringComparison.Ordinal);
        Assert.Equal(Abstractions.VerifyDecision.Allow, (await account.Verify(Abstractions.VerifyAction.Login, null)).Decision);
        Assert.Empty(await Eventually.UntilAsync(() => silo.RemindersAsync("alice"), r => r.Count == 0));
    }

    [Fact]
    public async Task OpenRecoveryAttempt_WhileActive_ExpiresOnTimeByTheGrainTimer()
    {
        await using var store = await CreateStoreAsync();
        var time = new ManualTimeProvider();
        await using var silo = await AccountCluster.StartAsync(store, grainClock: time);
        var account = silo.Account("bob");
        var started = await account.StartRecovery(RecoveryFlow, new StartRecoveryRequest(Abstractions.RecoveryChannel.Email));

        time.Advance(started.ExpiresAt - time.GetUtcNow() - TimeSpan.FromSeconds(1));
        Assert.Equal(started.AttemptId, (await account.GetAccount(RecoveryFlow)).Recovery.OpenAttemptId);
        time.Advance(TimeSpan.FromSeconds(1));
        var history = await Eventually.UntilAsync(
            () => account.GetHistory(Agent, 0, 100).AsTask(),
            page => page.Events.Any(e => e.Type == EventTypeNames.RecoveryAttemptExpired));

        Assert.Equal(started.ExpiresAt, Assert.Single(history.Events, e => e.Type == EventTypeNames.RecoveryAttemptExpired).At);
        Assert.Null((await account.GetAccount(RecoveryFlow)).Recovery.OpenAttemptId);
        await Assert.ThrowsAsync<AccountRefusedException>(() =>
            account.CompleteRecovery(RecoveryFlow, new CompleteRecoveryRequest(started.AttemptId, started.Code!)).AsTask());
    }

    [Fact]
    public async Task Activation_WithADeadlineAlreadyPast_AnswersFromStateAndNow_AndExpiresItPromptly()
    {
        await using var store = await CreateStoreAsync();
        var time = new ManualTimeProvider();
        await using var silo = await AccountCluster.StartAsync(store, grainClock: time);
        var account = silo.Account("cleo");
        await account.Lock(Agent, new LockRequest(Abstractions.LockReason.UserRequested, TimeSpan.FromMinutes(1)));
        await silo.DeactivateAsync("cleo");

        time.Advance(TimeSpan.FromMinutes(2));
        var verdict = await account.Verify(Abstractions.VerifyAction.Login, null);
        var history = await Eventually.UntilAsync(
            () => account.GetHistory(Agent, 0, 100).AsTask(),
            page => page.Events.Any(e => e.Type == EventTypeNames.LockExpired));

        Assert.Equal(Abstractions.VerifyDecision.Allow, verdict.Decision);
        Assert.Equal(time.GetUtcNow(), Assert.Single(history.Events, e => e.Type == EventTypeNames.LockExpired).At);
    }

    [Fact]
    public async Task Unlock_OfTheLastTemporaryLock_RemovesTheReminder()
    {
        await using var store = await CreateStoreAsync();
        var time = new ManualTimeProvider();
        await using var silo = await AccountCluster.StartAsync(store, grainClock: time);
        var account = silo.Account("dora");
        var locked = await account.Lock(Agent, new LockRequest(Abstractions.LockReason.UserRequested, TimeSpan.FromHours(1)));
        Assert.Single(await silo.RemindersAsync("dora"));

        await account.Unlock(Agent, new UnlockRequest(Abstractions.UnlockScope.ById, locked.LockId));

        Assert.Empty(await silo.RemindersAsync("dora"));
    }
}

public sealed class AccountGrainDeadlinesOnSqliteTests : AccountGrainDeadlineTests
{
    protected override Task<ITestStore> CreateStoreAsync() => SqliteTestStore.CreateAsync();
}

public sealed class AccountGrainDeadlinesOnPostgresTests : AccountGrainDeadlineTests
{
    protected override Task<ITestStore> CreateStoreAsync() => PostgresTestStore.CreateAsync();
}
