using AccountGrains.Api.Tests.Support;
using AccountGrains.Client;
using AccountGrains.Client.Internal;
using AccountGrains.Contracts.V1;
using AccountGrains.Grpc;
using Google.Protobuf;
using Action = AccountGrains.Contracts.V1.Action;

namespace AccountGrains.Api.Tests.Client;

/// <summary>The client's options fail fast; deadlines and cancellation end calls with their statuses.</summary>
[Collection(ApiSiloCollection.Name)]
public sealed class ClientOptionsTests(ApiSilo silo)
{
    public static TheoryData<IMessage, bool> RetryCases => new()
    {
        { new VerifyRequest(), true },
        { new GetAccountRequest(), true },
        { new GetHistoryRequest(), true },
        { new CompleteRecoveryRequest { AttemptId = "a", Code = "1" }, false },
        { new LockRequest(), false },
        { new LockRequest { IdempotencyKey = "k" }, true },
        { new UnlockRequest(), false },
        { new UnlockRequest { IdempotencyKey = "k" }, true },
        { new ReportSignalRequest(), false },
        { new ReportSignalRequest { IdempotencyKey = "k" }, true },
        { new StartRecoveryRequest(), false },
        { new StartRecoveryRequest { IdempotencyKey = "k" }, true },
        { new GrantVerificationRequest { IdempotencyKey = "k" }, true },
        { new RevokeVerificationRequest { IdempotencyKey = "k" }, true },
        { new SetHighProfileRequest(), false },
        { new SetHighProfileRequest { IdempotencyKey = "k" }, true },
    };

    [Theory]
    [MemberData(nameof(RetryCases))]
    public void IsSafeToRetry_HoldsForReadsAndKeyedWritesOnly(IMessage request, bool expected)
    {
        Assert.Equal(expected, RetryRules.IsSafeToRetry(request));
    }

    [Fact]
    public void Options_ByDefault_HaveAFiveSecondTimeoutAndThreeAttempts()
    {
        var options = new AccountIntegrityClientOptions();

        Assert.Equal(TimeSpan.FromSeconds(5), options.DefaultTimeout);
        Assert.Equal(3, options.Retry.MaxAttempts);
        Assert.Null(options.ApiKey);
    }

    public static TheoryData<string, System.Action<AccountIntegrityClientOptions>> InvalidOptions => new()
    {
        { "Address", o => o.Address = null },
        { "Address", o => o.Address = new Uri("ftp://127.0.0.1:50051") },
        { "ApiKey", o => o.ApiKey = "" },
        { "ApiKey", o => o.ApiKey = "two words" },
        { "OnBehalfOf", o => o.OnBehalfOf = "" },
        { "OnBehalfOf", o => o.OnBehalfOf = "agent\nx" },
        { "OnBehalfOf", o => o.OnBehalfOf = new string('a', 65) },
        { "DefaultTimeout", o => o.DefaultTimeout = TimeSpan.Zero },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void Client_WithAnInvalidOption_FailsFastNamingIt(string option, System.Action<AccountIntegrityClientOptions> spoil)
    {
        var options = new AccountIntegrityClientOptions { Address = new Uri("http://127.0.0.1:50051") };
        spoil(options);

        var error = Assert.ThrowsAny<ArgumentException>(() => new AccountIntegrityClient(options));

        Assert.Equal(option, error.ParamName);
    }

    [Fact]
    public async Task Call_WithADeadlineAlreadyPassed_IsDeadlineExceeded()
    {
        var client = silo.Client("platform");

        await Refused.WithAsync(StatusCode.DeadlineExceeded, () =>
            client.VerifyAsync(ApiSilo.NewAccount("late"), Action.Login, deadline: DateTimeOffset.UtcNow - TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Call_WhenCancelled_IsCancelled()
    {
        var client = silo.Client("platform");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Refused.WithAsync(StatusCode.Cancelled, () =>
            client.VerifyAsync(ApiSilo.NewAccount("cancelled"), Action.Login, cancellationToken: cancelled.Token));
    }

    [Fact]
    public async Task Clients_SharingOneChannel_ActForTheirOwnAgents()
    {
        var id = ApiSilo.NewAccount("shared");
        using var channel = AccountGrains.Grpc.Client.GrpcChannel.ForAddress(silo.Address);
        using var alice = new AccountIntegrityClient(channel, silo.Keys.KeyOf("agent"), "alice");
        using var bob = new AccountIntegrityClient(channel, silo.Keys.KeyOf("agent"), "bob");

        var placed = await alice.LockAsync(id, LockReason.Compromised);
        await bob.UnlockAsync(id, placed.LockId);

        var actors = (await alice.ReadHistoryAsync(id).ToListAsync()).Select(e => e.Actor);
        Assert.Equal([$"{ApiKeys.NameOf("agent")}/alice", $"{ApiKeys.NameOf("agent")}/bob"], actors);
    }
}
