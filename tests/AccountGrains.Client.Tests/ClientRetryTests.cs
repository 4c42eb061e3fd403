using AccountGrains.Client.Tests.Support;
using AccountGrains.Contracts.V1;
using Grpc.Core;
using Action = AccountGrains.Contracts.V1.Action;

namespace AccountGrains.Client.Tests;

/// <summary>UNAVAILABLE is retried by the channel's service config for the calls that are safe to repeat, and only for those.</summary>
public sealed class ClientRetryTests : IAsyncLifetime
{
    private ScriptedServer _server = null!;

    public static TheoryData<string> Writes =>
    [
        "ReportSignal", "Lock", "Unlock", "StartRecovery", "GrantVerification", "RevokeVerification", "SetHighProfile",
        "ApproveRequest", "RejectRequest", "FileAppeal", "DecideAppeal", "LabelAutomaticLock",
    ];

    public async Task InitializeAsync() => _server = await ScriptedServer.StartAsync(new Script { RefuseFirst = 1 });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Verify_WhenTheFirstAttemptIsUnavailable_IsRetriedAndAnswers()
    {
        using var client = _server.Client();

        var reply = await client.VerifyAsync("alice", Action.Login);

        Assert.Equal(Decision.Allow, reply.Decision);
        Assert.Equal(2, _server.Script.AttemptsOf("Verify"));
    }

    [Fact]
    public async Task GetAccount_WhenTheFirstAttemptIsUnavailable_IsRetriedAndAnswers()
    {
        using var client = _server.Client();

        var account = await client.GetAccountAsync("alice");

        Assert.Equal("alice", account.AccountId);
        Assert.Equal(2, _server.Script.AttemptsOf("GetAccount"));
    }

    [Fact]
    public async Task ReadHistory_WhenTheFirstPageIsFirstRefused_ReadsEveryPageInOrder()
    {
        using var client = _server.Client();

        var seqs = await client.ReadHistoryAsync("alice", pageSize: 2).Select(e => e.Seq).ToListAsync();

        Assert.Equal([1L, 2, 3, 4, 5], seqs);
        Assert.Equal(4, _server.Script.AttemptsOf("GetHistory"));
    }

    [Fact]
    public async Task GetHistory_WhenTheFirstAttemptIsUnavailable_IsRetried()
    {
        using var client = _server.Client();

        var page = await client.GetHistoryAsync(new GetHistoryRequest { AccountId = "alice" });

        Assert.NotEmpty(page.Events);
        Assert.Equal(2, _server.Script.AttemptsOf("GetHistory"));
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Write_WithAnIdempotencyKey_WhenTheFirstAttemptIsUnavailable_IsRetriedOnce(string method)
    {
        using var client = _server.Client();

        await WriteCalls.InvokeAsync(client, method, idempotencyKey: "ticket-1");

        Assert.Equal(2, _server.Script.AttemptsOf(method));
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Write_WithoutAnIdempotencyKey_WhenUnavailable_IsNotRetried(string method)
    {
        using var client = _server.Client();

        await Refused.WithAsync(StatusCode.Unavailable, () => WriteCalls.InvokeAsync(client, method, idempotencyKey: null));

        Assert.Equal(1, _server.Script.AttemptsOf(method));
    }

    [Fact]
    public async Task CompleteRecovery_WhenUnavailable_IsNotRetried()
    {
        using var client = _server.Client();

        await Refused.WithAsync(StatusCode.Unavailable, () =>
            client.CompleteRecoveryAsync(new CompleteRecoveryRequest { AccountId = "alice", AttemptId = "attempt-1", Code = "123456" }));

        Assert.Equal(1, _server.Script.AttemptsOf("CompleteRecovery"));
    }

    [Fact]
    public async Task ClusterAdminReads_WhenTheFirstAttemptIsUnavailable_AreRetried()
    {
        using var channel = _server.Channel();
        var admin = new ClusterAdminClient(channel, apiKey: "admin-key");

        var silos = await admin.ListSilosAsync();
        var activations = await admin.ListActivationsAsync();

        Assert.Equal("scripted", silos.AnsweredBy);
        Assert.Equal("scripted", activations.SiloId);
        Assert.Equal(2, _server.Script.AttemptsOf("ListSilos"));
        Assert.Equal(2, _server.Script.AttemptsOf("ListActivations"));
    }

    [Fact]
    public async Task VerifyHistory_SendsTheAccountAndTheAuditorsKey_AndIsRetried()
    {
        using var channel = _server.Channel();
        var admin = new ClusterAdminClient(channel, apiKey: "auditor-key");

        var reply = await admin.VerifyHistoryAsync("alice");

        Assert.Equal(("alice", true, 3L), (reply.AccountId, reply.Ok, reply.LastSeq));
        Assert.Equal(2, _server.Script.AttemptsOf("VerifyHistory"));
        Assert.All(_server.Script.Seen, seen => Assert.Equal("Bearer auditor-key", seen.Authorization));
    }

    [Fact]
    public async Task SharedChannel_RetriesKeyedWritesButNotUnkeyedOnes()
    {
        using var channel = _server.Channel();
        using var client = new AccountIntegrityClient(channel, "agent-key", "alice");

        await client.LockAsync("alice", LockReason.Compromised, idempotencyKey: "ticket-2");
        _server.Script.RefuseFirst = 3;
        await Refused.WithAsync(StatusCode.Unavailable, () => client.UnlockAsync("alice", "lock-1"));

        Assert.Equal(2, _server.Script.AttemptsOf("Lock"));
        Assert.Equal(1, _server.Script.AttemptsOf("Unlock"));
    }

    [Fact]
    public async Task OneSocketsHttpHandler_ServesBothTheRetryingAndTheSingleAttemptChannel()
    {
        using var handler = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2) };
        using var client = _server.Client(o => o.HttpHandler = handler);

        await client.LockAsync("alice", LockReason.Compromised, idempotencyKey: "ticket-4");
        await Refused.WithAsync(StatusCode.Unavailable, () => client.UnlockAsync("alice", "lock-1"));
        await client.UnlockAsync("alice", "lock-1");

        Assert.Equal((2, 2), (_server.Script.AttemptsOf("Lock"), _server.Script.AttemptsOf("Unlock")));
    }

    [Fact]
    public async Task Verify_WithRetriesTurnedOff_IsNotRetried()
    {
        using var client = _server.Client(o => o.Retry = new AccountIntegrityRetryOptions { MaxAttempts = 1 });

        await Refused.WithAsync(StatusCode.Unavailable, () => client.VerifyAsync("alice", Action.Login));

        Assert.Equal(1, _server.Script.AttemptsOf("Verify"));
    }

    [Fact]
    public async Task Verify_WhenEveryAttemptIsUnavailable_StopsAfterMaxAttempts()
    {
        _server.Script.RefuseFirst = int.MaxValue;
        using var client = _server.Client(o => o.Retry.MaxAttempts = 4);

        await Refused.WithAsync(StatusCode.Unavailable, () => client.VerifyAsync("alice", Action.Login));

        Assert.Equal(4, _server.Script.AttemptsOf("Verify"));
    }

    [Fact]
    public async Task Verify_WhenRefusedWithAnotherStatus_IsNotRetried()
    {
        _server.Script.RefuseWith = StatusCode.ResourceExhausted;
        using var client = _server.Client();

        await Refused.WithAsync(StatusCode.ResourceExhausted, () => client.VerifyAsync("alice", Action.Login));

        Assert.Equal(1, _server.Script.AttemptsOf("Verify"));
    }
}
