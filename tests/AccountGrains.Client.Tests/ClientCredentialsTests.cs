using AccountGrains.Client.Tests.Support;
using Action = AccountGrains.Contracts.V1.Action;

namespace AccountGrains.Client.Tests;

/// <summary>Every attempt carries the caller's key or token and agent as call headers, and nothing when there are none.</summary>
public sealed class ClientCredentialsTests : IAsyncLifetime
{
    // Shaped like a JWT (header.payload.signature); the scripted server does not check it, the gateway does.
    private const string Jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJyZWNvdmVyeS1mbG93In0.c2lnbmF0dXJl";

    private ScriptedServer _server = null!;

    public async Task InitializeAsync() => _server = await ScriptedServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ApiKey_AndAgent_AreSentAsBearerAndOnBehalfOf()
    {
        using var client = _server.Client(o => (o.ApiKey, o.OnBehalfOf) = ("agent-key-1", "agent-42"));

        await client.VerifyAsync("alice", Action.Login);

        var seen = Assert.Single(_server.Script.Seen);
        Assert.Equal("Bearer agent-key-1", seen.Authorization);
        Assert.Equal("agent-42", seen.OnBehalfOf);
    }

    [Fact]
    public async Task BearerToken_IsSentAsBearer()
    {
        using var client = _server.Client(o => o.BearerToken = Jwt);

        await client.GetAccountAsync("alice");

        var seen = Assert.Single(_server.Script.Seen);
        Assert.Equal("Bearer " + Jwt, seen.Authorization);
        Assert.Null(seen.OnBehalfOf);
    }

    [Fact]
    public async Task NoCredential_SendsNoAuthorizationHeader()
    {
        using var client = _server.Client();

        await client.VerifyAsync("alice", Action.Login);

        var seen = Assert.Single(_server.Script.Seen);
        Assert.Null(seen.Authorization);
        Assert.Null(seen.OnBehalfOf);
    }

    [Fact]
    public async Task RetriedAttempts_CarryTheHeadersToo()
    {
        _server.Script.RefuseFirst = 2;
        using var client = _server.Client(o => (o.ApiKey, o.OnBehalfOf) = ("agent-key-1", "agent-42"));

        await client.LockAsync("alice", Contracts.V1.LockReason.Compromised, idempotencyKey: "ticket-3");

        Assert.Equal(3, _server.Script.Seen.Count);
        Assert.All(_server.Script.Seen, seen => Assert.Equal(("Bearer agent-key-1", "agent-42"), (seen.Authorization, seen.OnBehalfOf)));
    }

    [Fact]
    public async Task Clients_SharingOneChannel_ActForTheirOwnAgents()
    {
        using var channel = _server.Channel();
        using var alice = new AccountIntegrityClient(channel, "agent-key-1", "alice");
        using var bob = new AccountIntegrityClient(channel, "agent-key-1", "bob");
        using var flow = AccountIntegrityClient.WithBearerToken(channel, Jwt);

        await alice.LockAsync("acct-1", Contracts.V1.LockReason.Compromised);
        await bob.UnlockAsync("acct-1", "lock-1");
        alice.Dispose();
        await flow.GetAccountAsync("acct-1");

        Assert.Equal(
            [("Lock", "Bearer agent-key-1", "alice"), ("Unlock", "Bearer agent-key-1", "bob"), ("GetAccount", "Bearer " + Jwt, null)],
            _server.Script.Seen.Select(s => (s.Method, s.Authorization, s.OnBehalfOf)));
    }

    [Fact]
    public async Task ClusterAdminClient_SendsItsCredential()
    {
        using var channel = _server.Channel();
        var byKey = new ClusterAdminClient(channel, apiKey: "admin-key");
        var byToken = new ClusterAdminClient(channel, bearerToken: Jwt);

        await byKey.ListSilosAsync();
        await byToken.ListActivationsAsync();

        Assert.Equal(["Bearer admin-key", "Bearer " + Jwt], _server.Script.Seen.Select(s => s.Authorization));
    }
}
