using AccountGrains.Client.Tests.Support;
using AccountGrains.Contracts.V1;

namespace AccountGrains.Client.Tests;

/// <summary>The workflow shorthands send what they are given, with the caller's credentials (the scripted server echoes it).</summary>
public sealed class ClientWorkflowTests : IAsyncLifetime
{
    private ScriptedServer _server = null!;

    public async Task InitializeAsync() => _server = await ScriptedServer.StartAsync(new Script());

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ApproveAndReject_SendTheRequestId_AsTheAgent()
    {
        using var channel = _server.Channel();
        using var client = new AccountIntegrityClient(channel, "agent-key", "agent-8");

        var approved = await client.ApproveRequestAsync("alice", "request-3", note: "checked");
        var rejected = await client.RejectRequestAsync("alice", "request-4", reason: "no");

        Assert.Equal(("request-3", true, "alice"), (approved.RequestId, approved.Approved, approved.Account.AccountId));
        Assert.Equal(("request-4", false), (rejected.RequestId, rejected.Approved));
        Assert.All(_server.Script.Seen, s => Assert.Equal(("Bearer agent-key", "agent-8"), (s.Authorization, s.OnBehalfOf)));
    }

    [Fact]
    public async Task Appeals_SendTheLockTheStatementAndTheDecision()
    {
        using var client = _server.Client();

        var filed = await client.FileAppealAsync("alice", "lock-2", "I did not post that");
        var decided = await client.DecideAppealAsync("alice", filed.Appeal.AppealId, AppealDecision.Upheld, "evidence");

        Assert.Equal(("lock-2", "I did not post that"), (filed.Appeal.LockId, filed.Appeal.Statement));
        Assert.Equal((filed.Appeal.AppealId, AppealDecision.Upheld), (decided.AppealId, decided.Decision));
    }

    [Fact]
    public async Task Label_SendsTheLockAndTheLabel()
    {
        using var client = _server.Client();

        var labelled = await client.LabelAutomaticLockAsync("alice", "lock-5", FeedbackLabel.ConfirmedCompromise, note: "owner confirmed");

        Assert.Equal(("lock-5", FeedbackLabel.ConfirmedCompromise), (labelled.LockId, labelled.Label));
    }
}
