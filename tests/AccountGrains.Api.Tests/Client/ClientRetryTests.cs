using AccountGrains.Api.Tests.Support;
using AccountGrains.Client;
using AccountGrains.Contracts.V1;
using AccountGrains.Grpc;
using AccountGrains.Grpc.Client;
using Action = AccountGrains.Contracts.V1.Action;

namespace AccountGrains.Api.Tests.Client;

/// <summary>UNAVAILABLE is retried for the calls that are safe to repeat, and only for those.</summary>
[Collection(ApiSiloCollection.Name)]
public sealed class ClientRetryTests(ApiSilo silo) : IDisposable
{
    private readonly RefusingFirstAttemptsHandler _handler = new(failures: 1);

    [Fact]
    public async Task Verify_WhenTheFirstAttemptIsUnavailable_IsRetriedAndAnswers()
    {
        var reply = await Client().VerifyAsync(ApiSilo.NewAccount("retry-verify"), Action.Login);

        Assert.Equal(Decision.Allow, reply.Decision);
        Assert.Equal(2, _handler.Attempts);
    }

    [Fact]
    public async Task GetAccount_WhenTheFirstAttemptIsUnavailable_IsRetriedAndAnswers()
    {
        var id = ApiSilo.NewAccount("retry-get");

        var account = await Client().GetAccountAsync(id);

        Assert.Equal(id, account.AccountId);
        Assert.Equal(2, _handler.Attempts);
    }

    [Fact]
    public async Task Lock_WithAnIdempotencyKey_WhenTheFirstAttemptIsUnavailable_IsRetriedOnce()
    {
        var id = ApiSilo.NewAccount("retry-keyed");

        var placed = await Client().LockAsync(id, LockReason.Compromised, idempotencyKey: "ticket-1");

        Assert.Single(placed.Account.Locks);
        Assert.Equal(2, _handler.Attempts);
    }

    [Fact]
    public async Task Lock_WithoutAnIdempotencyKey_WhenUnavailable_IsNotRetried()
    {
        var id = ApiSilo.NewAccount("retry-unkeyed");

        await Refused.WithAsync(StatusCode.Unavailable, () => Client().LockAsync(id, LockReason.Compromised));

        Assert.Equal(1, _handler.Attempts);
        Assert.Empty((await silo.Client("admin").GetAccountAsync(id)).Locks);
    }

    [Fact]
    public async Task CompleteRecovery_WhenUnavailable_IsNotRetried()
    {
        var id = ApiSilo.NewAccount("retry-complete");
        var started = await silo.Client("recovery").StartRecoveryAsync(new StartRecoveryRequest { AccountId = id, Channel = RecoveryChannel.Email });

        await Refused.WithAsync(StatusCode.Unavailable, () =>
            Client("recovery").CompleteRecoveryAsync(new CompleteRecoveryRequest { AccountId = id, AttemptId = started.AttemptId, Code = started.Code }));

        Assert.Equal(1, _handler.Attempts);
        Assert.True((await silo.Client("admin").GetAccountAsync(id)).Recovery.Open);
    }

    [Fact]
    public async Task Verify_WithRetriesTurnedOff_IsNotRetried()
    {
        var client = Client(retry: new GrpcRetryPolicy { MaxAttempts = 1 });

        await Refused.WithAsync(StatusCode.Unavailable, () => client.VerifyAsync(ApiSilo.NewAccount("no-retry"), Action.Login));

        Assert.Equal(1, _handler.Attempts);
    }

    [Fact]
    public async Task Verify_WhenEveryAttemptIsUnavailable_StopsAfterMaxAttempts()
    {
        using var handler = new RefusingFirstAttemptsHandler(failures: int.MaxValue);
        var client = silo.Client(new AccountIntegrityClientOptions
        {
            ApiKey = silo.Keys.KeyOf("admin"),
            HttpHandler = handler,
            Retry = new GrpcRetryPolicy { MaxAttempts = 4, InitialBackoff = TimeSpan.FromMilliseconds(1), MaxBackoff = TimeSpan.FromMilliseconds(5) },
        });

        await Refused.WithAsync(StatusCode.Unavailable, () => client.VerifyAsync(ApiSilo.NewAccount("down"), Action.Login));

        Assert.Equal(4, handler.Attempts);
    }

    public void Dispose() => _handler.Dispose();

    private AccountIntegrityClient Client(string role = "admin", GrpcRetryPolicy? retry = null) => silo.Client(new AccountIntegrityClientOptions
    {
        ApiKey = silo.Keys.KeyOf(role),
        OnBehalfOf = ApiKeys.AgentOf(role),
        HttpHandler = _handler,
        Retry = retry ?? new GrpcRetryPolicy { InitialBackoff = TimeSpan.FromMilliseconds(1), MaxBackoff = TimeSpan.FromMilliseconds(5) },
    });
}
