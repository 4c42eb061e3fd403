using AccountGrains.Api.Tests.Support;
using AccountGrains.Contracts.V1;
using Action = AccountGrains.Contracts.V1.Action;

namespace AccountGrains.Api.Tests.Scenarios;

/// <summary>The caller's mistakes come back as the status that says so; an idempotent repeat writes nothing.</summary>
[Collection(ApiSiloCollection.Name)]
public sealed class BadRequestTests(ApiSilo silo)
{
    public static TheoryData<string> BadAccountIds => ["", "has space", "slash/id", "ünïcode", new string('a', 65)];

    [Theory]
    [MemberData(nameof(BadAccountIds))]
    public async Task Calls_WithABadAccountId_AreInvalidArgument(string accountId)
    {
        var admin = silo.Client("admin");

        await Refused.WithAsync(StatusCode.InvalidArgument, () => admin.VerifyAsync(accountId, Action.Login));
        await Refused.WithAsync(StatusCode.InvalidArgument, () => admin.GetAccountAsync(accountId));
        await Refused.WithAsync(StatusCode.InvalidArgument, () => admin.LockAsync(accountId, LockReason.Compromised));
        await Refused.WithAsync(StatusCode.InvalidArgument, () => admin.GetHistoryAsync(new GetHistoryRequest { AccountId = accountId }));
    }

    // Each method maps the grain's failures itself (no interceptor on AccountIntegrity): a method that forgot would
    // answer UNKNOWN here.
    [Theory]
    [MemberData(nameof(Methods))]
    public async Task EveryMethod_OnAnAccountTheStoreCannotReach_IsUnavailable(string method)
    {
        var error = await Refused.WithAsync(StatusCode.Unavailable, () => ApiCalls.InvokeAsync(silo.Client("admin"), method, ApiSilo.NewAccount(UnreachableAccountsStore.Prefix)));

        Assert.Contains("cannot be served now", error.Status.Detail, StringComparison.Ordinal);
    }

    public static TheoryData<string> Methods => [.. ApiCalls.Methods];

    [Fact]
    public async Task Calls_WithAnUnspecifiedEnum_AreInvalidArgument()
    {
        var id = ApiSilo.NewAccount("unspecified");
        var admin = silo.Client("admin");

        await Refused.WithAsync(StatusCode.InvalidArgument, () => admin.VerifyAsync(id, Action.Unspecified));
        await Refused.WithAsync(StatusCode.InvalidArgument, () => admin.LockAsync(id, LockReason.Unspecified));
        await Refused.WithAsync(StatusCode.InvalidArgument, () => admin.ReportSignalAsync(new ReportSignalRequest { AccountId = id }));
        await Refused.WithAsync(StatusCode.InvalidArgument, () => admin.StartRecoveryAsync(new StartRecoveryRequest { AccountId = id }));
        await Refused.WithAsync(StatusCode.InvalidArgument, () => admin.UnlockAsync(new UnlockRequest { AccountId = id }));
        Assert.Equal(0, (await admin.GetAccountAsync(id)).Version);
    }

    [Fact]
    public async Task Lock_WithBruteForceReason_IsInvalidArgument()
    {
        await Refused.WithAsync(StatusCode.InvalidArgument, () => silo.Client("agent").LockAsync(ApiSilo.NewAccount("manual-brute"), LockReason.BruteForce));
    }

    [Fact]
    public async Task Unlock_ByAnUnknownLockId_IsNotFound()
    {
        await Refused.WithAsync(StatusCode.NotFound, () => silo.Client("agent").UnlockAsync(ApiSilo.NewAccount("no-lock"), "lock-42"));
    }

    [Fact]
    public async Task CompleteRecovery_WithAnUnknownAttemptId_IsNotFound()
    {
        var request = new CompleteRecoveryRequest { AccountId = ApiSilo.NewAccount("no-attempt"), AttemptId = "0123456789abcdef0123456789abcdef", Code = "123456" };

        await Refused.WithAsync(StatusCode.NotFound, () => silo.Client("recovery").CompleteRecoveryAsync(request));
    }

    [Fact]
    public async Task Lock_RepeatedWithTheSameIdempotencyKey_ReturnsTheFirstLockAndWritesNothing()
    {
        var id = ApiSilo.NewAccount("idempotent");
        var agent = silo.Client("agent");

        var first = await agent.LockAsync(id, LockReason.Compromised, idempotencyKey: "ticket-17");
        var repeat = await agent.LockAsync(id, LockReason.Compromised, idempotencyKey: "ticket-17");
        var other = await agent.LockAsync(id, LockReason.Compromised, idempotencyKey: "ticket-18");

        Assert.Equal(first.LockId, repeat.LockId);
        Assert.Equal(first.Version, repeat.Version);
        Assert.NotEqual(first.LockId, other.LockId);
        Assert.Equal(2, (await agent.ReadHistoryAsync(id).ToListAsync()).Count(e => e.Type == "LockPlaced"));
    }
}
