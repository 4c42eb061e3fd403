using AccountGrains.Api.Tests.Support;
using AccountGrains.Contracts.V1;
using AccountGrains.Gateway;
using AccountGrains.Grpc;
using AccountGrains.Grpc.Client;

namespace AccountGrains.Api.Tests.Scenarios;

/// <summary>ClusterAdmin on a standalone silo: admin only; it reports itself and its live activations.</summary>
[Collection(ApiSiloCollection.Name)]
public sealed class ClusterAdminTests(ApiSilo silo) : IDisposable
{
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(silo.Address);

    [Fact]
    public async Task ListActivations_AfterACall_NamesTheAccountOnThisSilo()
    {
        var id = ApiSilo.NewAccount("admin-acts");
        await silo.Client("platform").VerifyAsync(id, AccountGrains.Contracts.V1.Action.Login);

        var reply = await _channel.UnaryAsync(ClusterAdminService.ListActivations, new ListActivationsRequest(), As("admin"));

        Assert.Contains(id, reply.AccountIds);
        Assert.Equal("standalone", reply.SiloId);
    }

    [Fact]
    public async Task ListSilos_OnAStandaloneSilo_ReportsItselfActive()
    {
        var reply = await _channel.UnaryAsync(ClusterAdminService.ListSilos, new ListSilosRequest(), As("admin"));

        var self = Assert.Single(reply.Silos);
        Assert.Equal(SiloStatus.Active, self.Status);
        Assert.True(self.ActivationCount >= 0);
    }

    [Theory]
    [InlineData("platform")]
    [InlineData("recovery")]
    [InlineData("agent")]
    [InlineData("vendor")]
    public async Task ListSilos_ByANonAdminRole_IsPermissionDenied(string role) =>
        await Refused.WithAsync(StatusCode.PermissionDenied, () => _channel.UnaryAsync(ClusterAdminService.ListSilos, new ListSilosRequest(), As(role)));

    [Fact]
    public async Task ListActivations_WithoutAKey_IsUnauthenticated() =>
        await Refused.WithAsync(StatusCode.Unauthenticated, () => _channel.UnaryAsync(ClusterAdminService.ListActivations, new ListActivationsRequest()));

    public void Dispose() => _channel.Dispose();

    private CallOptions As(string role)
    {
        var headers = new Metadata().Add("authorization", "Bearer " + silo.Keys.KeyOf(role));
        if (ApiKeys.AgentOf(role) is { } agent)
        {
            headers.Add("x-on-behalf-of", agent);
        }

        return new CallOptions { Headers = headers, Timeout = TimeSpan.FromSeconds(10) };
    }
}
