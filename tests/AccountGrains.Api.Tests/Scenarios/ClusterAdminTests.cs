using AccountGrains.Api.Tests.Support;
using AccountGrains.Contracts.V1;
using Microsoft.Extensions.DependencyInjection;

namespace AccountGrains.Api.Tests.Scenarios;

/// <summary>ClusterAdmin on a single silo, from Orleans' management grain: admin only; it reports itself and its live account activations.</summary>
[Collection(ApiSiloCollection.Name)]
public sealed class ClusterAdminTests(ApiSilo silo)
{
    private ClusterAdmin.ClusterAdminClient Admin => new(silo.Channel);

    [Fact]
    public async Task ListActivations_AfterACall_NamesTheAccountOnThisSilo()
    {
        var id = ApiSilo.NewAccount("admin-acts");
        await silo.Client("platform").VerifyAsync(id, AccountGrains.Contracts.V1.Action.Login);

        var reply = await Admin.ListActivationsAsync(new ListActivationsRequest(), As("admin"));

        Assert.Contains(id, reply.AccountIds);
        Assert.Equal(silo.Services.GetRequiredService<Orleans.Runtime.ILocalSiloDetails>().SiloAddress.ToParsableString(), reply.SiloId);
    }

    [Fact]
    public async Task ListSilos_OnASingleSilo_ReportsItselfActive()
    {
        await silo.Client("platform").VerifyAsync(ApiSilo.NewAccount("admin-silos"), AccountGrains.Contracts.V1.Action.Login);

        var reply = await Admin.ListSilosAsync(new ListSilosRequest(), As("admin"));

        var self = Assert.Single(reply.Silos);
        Assert.Equal(AccountGrains.Contracts.V1.SiloStatus.Active, self.Status);
        Assert.Equal(reply.AnsweredBy, self.SiloId);
        Assert.True(self.ActivationCount >= 1, $"activation count {self.ActivationCount}");
        Assert.False(self.LeaseExpired);
        Assert.True(self.Age.ToTimeSpan() >= TimeSpan.Zero);
    }

    [Theory]
    [InlineData("platform")]
    [InlineData("recovery")]
    [InlineData("agent")]
    [InlineData("vendor")]
    public async Task ListSilos_ByANonAdminRole_IsPermissionDenied(string role) =>
        await Refused.WithAsync(StatusCode.PermissionDenied, async () => await Admin.ListSilosAsync(new ListSilosRequest(), As(role)));

    [Fact]
    public async Task ListSilos_WithAnAdminJwt_Answers() =>
        Assert.NotEmpty((await Admin.ListSilosAsync(new ListSilosRequest(), new CallOptions(new Metadata { { "authorization", "Bearer " + silo.Tokens.For("admin") } }, DateTime.UtcNow.AddSeconds(30)))).Silos);

    [Fact]
    public async Task ListActivations_WithoutACredential_IsUnauthenticated() =>
        await Refused.WithAsync(StatusCode.Unauthenticated, async () => await Admin.ListActivationsAsync(new ListActivationsRequest(), deadline: DateTime.UtcNow.AddSeconds(30)));

    private CallOptions As(string role) => new(silo.Keys.HeadersOf(role), DateTime.UtcNow.AddSeconds(30));
}
