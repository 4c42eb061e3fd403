using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace AccountGrains.Fencing.Tests.Hosting;

/// <summary>What a silo reads from Orleans' own configuration section and ours (the host is built, never started).</summary>
public sealed class ClusterConfigurationTests
{
    [Fact]
    public void NothingSet_UsesOrleansPortsLoopbackAndTheProductsIds()
    {
        using var host = Build(new Dictionary<string, string?>());

        var endpoints = host.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
        var cluster = host.Services.GetRequiredService<IOptions<ClusterOptions>>().Value;
        Assert.Equal((11111, 30000, IPAddress.Loopback), (endpoints.SiloPort, endpoints.GatewayPort, endpoints.AdvertisedIPAddress));
        Assert.Equal(("accountgrains", "accountgrains"), (cluster.ClusterId, cluster.ServiceId));
    }

    [Fact]
    public void OrleansSection_SetsIdsPortsAndAddress_AndOverridesTheTunedMembership()
    {
        using var host = Build(new Dictionary<string, string?>
        {
            ["Orleans:ClusterId"] = "prod",
            ["Orleans:ServiceId"] = "integrity",
            ["Orleans:Endpoints:SiloPort"] = "11112",
            ["Orleans:Endpoints:GatewayPort"] = "30001",
            ["Orleans:Endpoints:AdvertisedIPAddress"] = "10.1.2.3",
            ["Orleans:Membership:ProbeTimeout"] = "00:00:02",
            ["AccountGrains:Cluster:LeaseDuration"] = "00:00:05",
        });

        var endpoints = host.Services.GetRequiredService<IOptions<EndpointOptions>>().Value;
        var cluster = host.Services.GetRequiredService<IOptions<ClusterOptions>>().Value;
        var membership = host.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value;
        Assert.Equal((11112, 30001, IPAddress.Parse("10.1.2.3")), (endpoints.SiloPort, endpoints.GatewayPort, endpoints.AdvertisedIPAddress));
        Assert.Equal(("prod", "integrity"), (cluster.ClusterId, cluster.ServiceId));
        Assert.Equal(TimeSpan.FromSeconds(2), membership.ProbeTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), membership.MaxProbeTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), host.Services.GetRequiredService<IOptions<ClusterFencingOptions>>().Value.LeaseDuration);
    }

    [Fact]
    public void OrleansConnection_SearchesTheStoresSchema()
    {
        using var host = Build(new Dictionary<string, string?> { ["AccountGrains:Storage:Schema"] = "tenant_a" });

        var clustering = host.Services.GetRequiredService<IOptions<AdoNetClusteringSiloOptions>>().Value;
        var reminders = host.Services.GetRequiredService<IOptions<AdoNetReminderTableOptions>>().Value;
        Assert.Equal("Npgsql", clustering.Invariant);
        Assert.Contains("Search Path=tenant_a", clustering.ConnectionString, StringComparison.Ordinal);
        Assert.Equal(clustering.ConnectionString, reminders.ConnectionString);
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(silo => silo.UseAccountGrainsCluster(builder.Configuration, "Host=127.0.0.1;Database=x"));
        return builder.Build();
    }
}
