using AccountGrains.Abstractions;
using AccountGrains.Api.Tests.Support;
using V1 = AccountGrains.Contracts.V1;

namespace AccountGrains.Api.Tests.OrleansClient;

/// <summary>
/// "Recovery flows invoking grains": another .NET service, as an Orleans client through the silo's gateway port,
/// runs a recovery on an account; a caller whose role may not is refused by the grain exactly as at the gRPC gateway
/// (an Orleans client is trusted no more); and the gRPC side sees the same account afterwards.
/// </summary>
public sealed class OrleansClientRecoveryTests(SiloWithOrleansClient silo) : IClassFixture<SiloWithOrleansClient>
{
    private static readonly Caller RecoveryFlow = new("recovery-flow", CallerRole.Recovery);
    private static readonly Caller PlatformService = new("platform-svc", CallerRole.Platform);

    [Fact]
    public async Task RecoveryCaller_StartsAndCompletesARecovery_AndTheGrpcSideSeesIt()
    {
        var accountId = ApiSilo.NewAccount("oclient-recovery");
        var account = silo.Orleans.GetGrain<IAccountGrain>(accountId);
        var locked = await account.Lock(PlatformService, new LockRequest(LockReason.SuspiciousActivity, Note: "odd logins"));

        var started = await account.StartRecovery(RecoveryFlow, new StartRecoveryRequest(RecoveryChannel.Email));
        Assert.False(string.IsNullOrEmpty(started.Code), "the code goes back to the recovery flow, once");
        var triesAtStart = (await account.GetAccount(RecoveryFlow)).Recovery.TriesLeft;

        // A wrong code is recorded and counts a try; the attempt stays open.
        var wrong = await account.CompleteRecovery(RecoveryFlow, new CompleteRecoveryRequest(started.AttemptId, WrongCode(started.Code!)));
        Assert.Equal(RecoveryCompletionStatus.WrongCode, wrong.Status);
        Assert.Equal(started.Version + 1, wrong.Version);
        var afterWrong = await account.GetAccount(RecoveryFlow);
        Assert.Equal(started.AttemptId, afterWrong.Recovery.OpenAttemptId);
        Assert.Equal(triesAtStart - 1, wrong.TriesLeft);
        Assert.Equal(wrong.TriesLeft, afterWrong.Recovery.TriesLeft);
        Assert.True(afterWrong.Locked);

        var done = await account.CompleteRecovery(RecoveryFlow, new CompleteRecoveryRequest(started.AttemptId, started.Code!));
        Assert.Equal(RecoveryCompletionStatus.Completed, done.Status);
        Assert.Equal([locked.LockId], done.LiftedLockIds);
        Assert.False(done.Account.Locked);
        Assert.True(done.Account.CredentialResetRequired);
        Assert.Null(done.Account.Recovery.OpenAttemptId);

        // The same account through the gRPC gateway: same version, same posture, the Orleans callers in history.
        var grpc = await silo.Grpc("admin").GetAccountAsync(accountId);
        Assert.Equal(done.Version, grpc.Version);
        Assert.Empty(grpc.Locks);
        Assert.True(grpc.CredentialResetRequired);
        Assert.False(grpc.Recovery.Open);
        var verify = await silo.Grpc("platform").VerifyAsync(accountId, V1.Action.Login);
        Assert.Equal(V1.Decision.Allow, verify.Decision);
        Assert.Contains("CREDENTIAL_RESET_REQUIRED", verify.Reasons);
        var history = await silo.Grpc("admin").ReadHistoryAsync(accountId).ToListAsync();
        Assert.Equal(done.Version, history[^1].Seq);
        Assert.Contains(history, e => e.Type == "RecoveryStarted" && e.Actor == RecoveryFlow.Name);
        Assert.Contains(history, e => e.Type == "RecoveryCodeRejected" && e.Actor == RecoveryFlow.Name);
        Assert.Contains(history, e => e.Type == "RecoveryCompleted" && e.Actor == RecoveryFlow.Name);
        Assert.Contains(history, e => e.Actor == PlatformService.Name);
    }

    [Fact]
    public async Task PlatformCaller_StartRecovery_IsRefusedAndWritesNothing()
    {
        var accountId = ApiSilo.NewAccount("oclient-refused");
        var account = silo.Orleans.GetGrain<IAccountGrain>(accountId);
        await account.Lock(PlatformService, new LockRequest(LockReason.Compromised));
        var before = await account.GetAccount(PlatformService);

        var refused = await Assert.ThrowsAsync<AccountRefusedException>(
            async () => await account.StartRecovery(PlatformService, new StartRecoveryRequest(RecoveryChannel.Email)));
        Assert.Equal(RefusalCode.PermissionDenied, refused.Code);
        var refusedComplete = await Assert.ThrowsAsync<AccountRefusedException>(
            async () => await account.CompleteRecovery(PlatformService, new CompleteRecoveryRequest("0123456789abcdef", "000000")));
        Assert.Equal(RefusalCode.PermissionDenied, refusedComplete.Code);

        var after = await account.GetAccount(PlatformService);
        Assert.Equal(before.Version, after.Version);
        Assert.Null(after.Recovery.OpenAttemptId);
        Assert.Equal(0, after.Recovery.AttemptsInWindow);
        var grpc = await silo.Grpc("admin").GetAccountAsync(accountId);
        Assert.Equal(before.Version, grpc.Version);
        Assert.False(grpc.Recovery.Open);
        var history = await silo.Grpc("admin").ReadHistoryAsync(accountId).ToListAsync();
        Assert.DoesNotContain(history, e => e.Type.StartsWith("Recovery", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OrleansClient_WithARoleThatMayNotRead_IsRefusedTheHistory()
    {
        var account = silo.Orleans.GetGrain<IAccountGrain>(ApiSilo.NewAccount("oclient-history"));

        var refused = await Assert.ThrowsAsync<AccountRefusedException>(async () => await account.GetHistory(RecoveryFlow, 0, 10));

        Assert.Equal(RefusalCode.PermissionDenied, refused.Code);
    }

    // Same length, every digit/character changed, so it is wrong whatever the code's alphabet.
    private static string WrongCode(string code) => new([.. code.Select(c => c == '0' ? '1' : '0')]);
}
