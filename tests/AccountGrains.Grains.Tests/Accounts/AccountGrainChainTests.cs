using AccountGrains.Abstractions;
using AccountGrains.Grains.Tests.Support;
using AccountGrains.Storage;
using static AccountGrains.Grains.Tests.Support.Callers;

namespace AccountGrains.Grains.Tests.Accounts;

/// <summary>
/// The grain's appends keep the tamper-evident chain whole on every path: its own head hash after each write, a
/// reload from a snapshot at the head (the head's hash is then read), and a competing writer (a conflict, then a reload).
/// </summary>
public abstract class AccountGrainChainTests
{
    protected abstract Task<ITestStore> CreateStoreAsync();

    [Fact]
    public async Task Writes_AcrossASnapshotAtTheHeadAndADeactivation_LeaveAnUnbrokenChain()
    {
        await using var store = await CreateStoreAsync();
        var settings = new Dictionary<string, string?>(AccountCluster.FastReminders) { ["AccountGrains:Grains:SnapshotEvery"] = "10" };
        await using var silo = await AccountCluster.StartAsync(store, settings);
        var account = silo.Account("chain-1");
        for (var i = 0; i < 20; i++)
        {
            await account.ReportSignal(Platform, new SignalRequest(SignalKind.SuccessfulLogin, $"device-{i}"));
        }

        await Eventually.UntilAsync(() => store.Events.LoadSnapshotAsync("chain-1").AsTask(), s => s?.Version == 20);
        await silo.DeactivateAsync("chain-1");
        var locked = await account.Lock(Agent, new LockRequest(Abstractions.LockReason.PolicyViolation, Note: "after reload"));
        await account.Unlock(Agent, new UnlockRequest(UnlockScope.ById, LockId: locked.LockId));

        var report = await EventChainVerifier.VerifyAsync(store.Events, "chain-1");

        Assert.True(report.Ok, report.FirstBroken?.ToString());
        Assert.Equal((22L, 0L), (report.LastSeq, report.UnhashedPrefix));
    }

    [Fact]
    public async Task AppendsAfterACompetingWriter_ChainToTheCompetitorsEvent()
    {
        await using var inner = await CreateStoreAsync();
        var store = new ControlledStore(inner);
        await using var silo = await AccountCluster.StartAsync(store);
        var account = silo.Account("chain-2");
        await account.Lock(Agent, new LockRequest(Abstractions.LockReason.PolicyViolation));
        var competing = 0;
        store.BeforeAppend = async () =>
        {
            if (Interlocked.Increment(ref competing) == 1)
            {
                var version = (await store.Inner.ReadStreamAsync("chain-2", 0, 100)).Count;
                var evt = new Domain.LockPlaced($"lock-{version + 1}", Domain.LockReason.PolicyViolation, null, "from elsewhere") { At = DateTimeOffset.UtcNow, Actor = "other-writer" };
                var result = await store.Inner.AppendBatchAsync([new AppendRequest("chain-2", version, [StoreEventMapping.ToData(evt)])]);
                Assert.Equal(AppendStatus.Appended, result[0].Status);
            }
        };

        await account.Lock(Agent, new LockRequest(Abstractions.LockReason.Impersonation));
        store.BeforeAppend = null;
        await account.Lock(Agent, new LockRequest(Abstractions.LockReason.Compromised));

        var report = await EventChainVerifier.VerifyAsync(store.Inner, "chain-2");
        Assert.True(report.Ok, report.FirstBroken?.ToString());
        Assert.Equal(4L, report.LastSeq);
    }
}

public sealed class AccountGrainChainOnSqliteTests : AccountGrainChainTests
{
    protected override Task<ITestStore> CreateStoreAsync() => SqliteTestStore.CreateAsync();
}

public sealed class AccountGrainChainOnPostgresTests : AccountGrainChainTests
{
    protected override Task<ITestStore> CreateStoreAsync() => PostgresTestStore.CreateAsync();
}
