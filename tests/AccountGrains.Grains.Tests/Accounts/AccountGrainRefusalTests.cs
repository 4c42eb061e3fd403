using AccountGrains.Abstractions;
using AccountGrains.Domain;
using AccountGrains.Grains.Tests.Support;
using AccountGrains.Storage;
using static AccountGrains.Grains.Tests.Support.Callers;

namespace AccountGrains.Grains.Tests.Accounts;

/// <summary>
/// What an Orleans client gets when the account refuses, the store is down or another writer keeps
/// winning: the interface's exceptions, with nothing written. An Orleans client is trusted no more than
/// the gateway: the role table applies to every call.
/// </summary>
public sealed class AccountGrainRefusalTests
{
    [Fact]
    public async Task StartRecovery_ByAPlatformCaller_IsPermissionDenied_AndWritesNothing()
    {
        await using var store = await SqliteTestStore.CreateAsync();
        await using var silo = await AccountCluster.StartAsync(store);

        var refused = await Assert.ThrowsAsync<AccountRefusedException>(() =>
            silo.Account("lena").StartRecovery(Platform, new StartRecoveryRequest(Abstractions.RecoveryChannel.Email)).AsTask());

        Assert.Equal(RefusalCode.PermissionDenied, refused.Code);
        Assert.Empty(await store.Events.ReadStreamAsync("lena", 0, 10));
        Assert.Empty(await silo.RemindersAsync("lena"));
    }

    [Fact]
    public async Task Reads_ByARoleTheTableRefuses_ArePermissionDenied()
    {
        await using var store = await SqliteTestStore.CreateAsync();
        await using var silo = await AccountCluster.StartAsync(store);
        var account = silo.Account("mona");
        await account.Lock(Agent, new LockRequest(Abstractions.LockReason.Compromised));

        var history = await Assert.ThrowsAsync<AccountRefusedException>(() => account.GetHistory(Platform, 0, 10).AsTask());
        var recoveryHistory = await Assert.ThrowsAsync<AccountRefusedException>(() => account.GetHistory(RecoveryFlow, 0, 10).AsTask());

        Assert.Equal(RefusalCode.PermissionDenied, history.Code);
        Assert.Equal(RefusalCode.PermissionDenied, recoveryHistory.Code);
        Assert.Single((await account.GetHistory(Agent, 0, 10)).Events);
        Assert.True((await account.GetAccount(RecoveryFlow)).Locked);
    }

    [Fact]
    public async Task Unlock_ByAVendorOnAHighProfileAccount_IsPermissionDenied()
    {
        await using var store = await SqliteTestStore.CreateAsync();
        await using var silo = await AccountCluster.StartAsync(store);
        var account = silo.Account("nora");
        await account.SetHighProfile(Admin, new SetHighProfileRequest(true));
        await account.Lock(Agent, new LockRequest(Abstractions.LockReason.SuspiciousActivity));

        var refused = await Assert.ThrowsAsync<AccountRefusedException>(() =>
            account.Unlock(new Caller("vendor-key", CallerRole.Vendor, "v-1"), new UnlockRequest(Abstractions.UnlockScope.All)).AsTask());

        Assert.Equal(RefusalCode.PermissionDenied, refused.Code);
        Assert.Equal(2, (await account.GetAccount(Agent)).Version);
    }

    [Fact]
    public async Task InvalidAccountId_IsInvalidArgument_ForReadsAndWrites()
    {
        await using var store = await SqliteTestStore.CreateAsync();
        await using var silo = await AccountCluster.StartAsync(store);
        var account = silo.Account("not a valid id!");

        var verify = await Assert.ThrowsAsync<AccountRefusedException>(() => account.Verify(Abstractions.VerifyAction.Login, null).AsTask());
        var write = await Assert.ThrowsAsync<AccountRefusedException>(() => account.Lock(Agent, new LockRequest(Abstractions.LockReason.Compromised)).AsTask());

        Assert.Equal(RefusalCode.InvalidArgument, verify.Code);
        Assert.Equal(RefusalCode.InvalidArgument, write.Code);
        Assert.Empty(await store.Events.ReadLogAsync(0, 10));
    }

    [Fact]
    public async Task UnknownEnumValue_FromAClient_IsInvalidArgument()
    {
        await using var store = await SqliteTestStore.CreateAsync();
        await using var silo = await AccountCluster.StartAsync(store);

        var reason = await Assert.ThrowsAsync<AccountRefusedException>(() =>
            silo.Account("olga").Lock(Agent, new LockRequest((Abstractions.LockReason)99)).AsTask());
        var role = await Assert.ThrowsAsync<AccountRefusedException>(() =>
            silo.Account("olga").GetAccount(new Caller("who", (CallerRole)6)).AsTask());

        Assert.Equal(RefusalCode.InvalidArgument, reason.Code);
        Assert.Equal(RefusalCode.InvalidArgument, role.Code);
    }

    [Fact]
    public async Task MissingCallerOrRequest_IsInvalidArgument()
    {
        await using var store = await SqliteTestStore.CreateAsync();
        await using var silo = await AccountCluster.StartAsync(store);

        var noCaller = await Assert.ThrowsAsync<AccountRefusedException>(() =>
            silo.Account("olga").Lock(null!, new LockRequest(Abstractions.LockReason.Compromised)).AsTask());
        var noRequest = await Assert.ThrowsAsync<AccountRefusedException>(() => silo.Account("olga").Lock(Agent, null!).AsTask());
        var noName = await Assert.ThrowsAsync<AccountRefusedException>(() => silo.Account("olga").GetAccount(new Caller(" ", CallerRole.Admin)).AsTask());

        Assert.Equal(RefusalCode.InvalidArgument, noCaller.Code);
        Assert.Equal(RefusalCode.InvalidArgument, noRequest.Code);
        Assert.Equal(RefusalCode.InvalidArgument, noName.Code);
        Assert.Empty(await store.Events.ReadLogAsync(0, 10));
    }

    [Fact]
    public async Task DomainRefusal_ComesBackWithItsCode()
    {
        await using var store = await SqliteTestStore.CreateAsync();
        await using var silo = await AccountCluster.StartAsync(store);

        var refused = await Assert.ThrowsAsync<AccountRefusedException>(() =>
            silo.Account("pia").Unlock(Agent, new UnlockRequest(Abstractions.UnlockScope.ById, LockId: "lock-404")).AsTask());

        Assert.Equal(RefusalCode.NotFound, refused.Code);
        Assert.Empty(await store.Events.ReadStreamAsync("pia", 0, 10));
    }

    [Fact]
    public async Task StoreDown_IsUnavailable_AndARetryWithTheSameKeyWritesOnce()
    {
        await using var store = new ControlledStore(await SqliteTestStore.CreateAsync());
        await using var silo = await AccountCluster.StartAsync(store);
        var account = silo.Account("quinn");
        await account.Verify(Abstractions.VerifyAction.Login, null);

        store.Down = true;
        await Assert.ThrowsAsync<AccountUnavailableException>(() => account.Lock(Agent, new LockRequest(Abstractions.LockReason.Compromised, IdempotencyKey: "k1")).AsTask());
        await Assert.ThrowsAsync<AccountUnavailableException>(() => account.GetAccount(Agent).AsTask());
        store.Down = false;
        var retried = await account.Lock(Agent, new LockRequest(Abstractions.LockReason.Compromised, IdempotencyKey: "k1"));
        var again = await account.Lock(Agent, new LockRequest(Abstractions.LockReason.Compromised, IdempotencyKey: "k1"));

        Assert.Equal(1, retried.Version);
        Assert.True(again.Replayed);
        Assert.Single(await store.Inner.ReadStreamAsync("quinn", 0, 10));
    }

    [Fact]
    public async Task StoreDown_AtActivation_IsUnavailable_UntilItIsBack()
    {
        await using var store = new ControlledStore(await SqliteTestStore.CreateAsync());
        await using var silo = await AccountCluster.StartAsync(store);
        await silo.Account("rosa").Lock(Agent, new LockRequest(Abstractions.LockReason.Compromised));
        await silo.DeactivateAsync("rosa");

        store.Down = true;
        await Assert.ThrowsAsync<AccountUnavailableException>(() => silo.Account("rosa").Verify(Abstractions.VerifyAction.Login, null).AsTask());
        store.Down = false;
        var verdict = await silo.Account("rosa").Verify(Abstractions.VerifyAction.Login, null);

        Assert.Equal(Abstractions.VerifyDecision.Deny, verdict.Decision);
        Assert.Equal(1, verdict.Version);
    }

    [Fact]
    public async Task AnotherWriter_WinningOnce_TheGrainReloadsAndAppendsAfterIt()
    {
        await using var store = new ControlledStore(await SqliteTestStore.CreateAsync());
        await using var silo = await AccountCluster.StartAsync(store);
        var account = silo.Account("sara");
        await account.Verify(Abstractions.VerifyAction.Login, null);
        var competing = 0;
        store.BeforeAppend = async () =>
        {
            if (Interlocked.Increment(ref competing) == 1)
            {
                await AppendCompetingLockAsync(store.Inner, "sara");
            }
        };

        var result = await account.Lock(Agent, new LockRequest(Abstractions.LockReason.Impersonation));

        Assert.Equal(2, result.Version);
        Assert.Equal(2, result.Account.Locks.Count);
        Assert.Equal([1L, 2L], (await store.Inner.ReadStreamAsync("sara", 0, 10)).Select(e => e.Seq));
    }

    [Fact]
    public async Task AnotherWriter_WinningTwice_IsAConflict_AndTheGrainWritesNothing()
    {
        await using var store = new ControlledStore(await SqliteTestStore.CreateAsync());
        await using var silo = await AccountCluster.StartAsync(store);
        var account = silo.Account("tina");
        await account.Verify(Abstractions.VerifyAction.Login, null);
        store.BeforeAppend = () => AppendCompetingLockAsync(store.Inner, "tina");

        await Assert.ThrowsAsync<AccountConflictException>(() => account.Lock(Agent, new LockRequest(Abstractions.LockReason.Impersonation)).AsTask());

        store.BeforeAppend = null;
        var stored = await store.Inner.ReadStreamAsync("tina", 0, 10);
        Assert.Equal(2, stored.Count);
        Assert.All(stored, e => Assert.Equal("other-writer", e.Event.Actor));
        Assert.Equal(2, (await account.GetAccount(Agent)).Version);
    }

    [Fact]
    public async Task GetHistory_WhileAWriteIsInFlight_DoesNotWaitForIt_ButVerifyDoes()
    {
        await using var store = new ControlledStore(await SqliteTestStore.CreateAsync());
        await using var silo = await AccountCluster.StartAsync(store);
        var account = silo.Account("uma");
        await account.Lock(Agent, new LockRequest(Abstractions.LockReason.Compromised));
        await account.Unlock(Agent, new UnlockRequest(Abstractions.UnlockScope.All));

        var held = store.HoldAppends();
        var write = account.Lock(Agent, new LockRequest(Abstractions.LockReason.Impersonation)).AsTask();
        Task<Abstractions.VerifyResult> verify;
        try
        {
            await held.WaitAsync(TimeSpan.FromSeconds(30));
            verify = account.Verify(Abstractions.VerifyAction.Login, null).AsTask();
            var history = await account.GetHistory(Agent, 0, 10).AsTask().WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Equal(2, history.Events.Count);
            Assert.False(write.IsCompleted);
            Assert.False(verify.IsCompleted);
        }
        finally
        {
            // Released whatever the outcome, so a failing assertion never leaves the silo's stop waiting on it.
            store.ReleaseAppends();
        }

        Assert.Equal(3, (await write).Version);
        Assert.Equal(Abstractions.VerifyDecision.Deny, (await verify).Decision);
    }

    private static async Task AppendCompetingLockAsync(IEventStore store, string accountId)
    {
        var version = (await store.ReadStreamAsync(accountId, 0, 1000)).Count;
        var evt = new LockPlaced($"lock-{version + 1}", Domain.LockReason.PolicyViolation, null, "from elsewhere")
        {
            At = DateTimeOffset.UtcNow,
            Actor = "other-writer",
        };
        var result = await store.AppendBatchAsync([new AppendRequest(accountId, version, [StoreEventMapping.ToData(evt)])]);
        Assert.Equal(AppendStatus.Appended, result[0].Status);
    }
}
