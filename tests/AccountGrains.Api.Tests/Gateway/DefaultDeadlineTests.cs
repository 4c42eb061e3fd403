using AccountGrains.Api.Tests.Support;
using AccountGrains.Gateway;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace AccountGrains.Api.Tests.Gateway;

/// <summary>A call without a deadline is bounded by the grain call's response timeout, set to the gateway's default deadline.</summary>
[Collection(ApiSiloCollection.Name)]
public sealed class DefaultDeadlineTests(ApiSilo silo)
{
    [Fact]
    public void GrainCallResponseTimeout_IsTheGatewaysDefaultDeadline()
    {
        var gateway = silo.Services.GetRequiredService<IOptions<GatewayGrpcOptions>>().Value;
        var messaging = silo.Services.GetRequiredService<IOptions<SiloMessagingOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(10), gateway.DefaultDeadline);
        Assert.Equal(gateway.DefaultDeadline, messaging.ResponseTimeout);
    }
}
