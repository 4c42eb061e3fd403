using AccountGrains.Cluster.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AccountGrains.Cluster.Tests;

public sealed class AdminAndOptionsTests
{
    [Fact]
    public async Task ListSilos_ShowsEachSiloWithStatusAgeHeartbeatAndActivationCount()
    {
        var db = await TestDatabase.CreateAsync();
        await using var a = await ClusterSilo.StartAsync(db.ConnectionString, "silo-a");
        await using var b = await ClusterSilo.StartAsync(db.ConnectionString, "silo-b");
        foreach (var account in new[] { "i1", "i2", "i3" })
        {
            Assert.True((await Attempt.VerifyAsync(a, account)).Served);
        }

        var silos = await Eventually.UntilAsync(
            () => a.Membership.ListSilosAsync().AsTask(),
            list => list.Any(s => s.SiloId == "silo-a" && s.ActivationCount == 3));

        var first = silos.Single(s => s.SiloId == "silo-a");
        var second = silos.Single(s => s.SiloId == "silo-b");
        Assert.Equal((SiloStatus.Active, 3, a.Address, a.Membership.Generation), (first.Status, first.ActivationCount, first.Address, first.Generation));
        Assert.Equal((SiloStatus.Active, 0), (second.Status, second.ActivationCount));
        Assert.True(second.Generation > first.Generation);
        Assert.All(silos, s => Assert.True(s.Age >= s.SinceHeartbeat && s.SinceHeartbeat < a.Options.LeaseDuration && !s.IsLeaseExpired));
        Assert.Equal("silo-a", (await b.Membership.FindOwnerAsync(new Runtime.GrainId("account", "i1")))?.SiloId);
        Assert.Null(await b.Membership.FindOwnerAsync(new Runtime.GrainId("account", "nobody")));
    }

    [Fact]
    public void Defaults_DetectACrashWithinFiveSeconds_AndAreValid()
    {
        var options = new ClusterOptions { ConnectionString = "Host=127.0.0.1" };

        options.Validate();

        Assert.True(options.LeaseDuration + options.HeartbeatInterval < TimeSpan.FromSeconds(5));
        Assert.True(options.LeaseDuration - options.SafetyMargin > 2 * options.HeartbeatInterval);
    }

    [Theory]
    [InlineData("LeaseDuration", "00:00:01.5", "LeaseDuration")]
    [InlineData("SafetyMargin", "00:00:03", "SafetyMargin")]
    [InlineData("HeartbeatInterval", "00:00:00.010", "HeartbeatInterval")]
    [InlineData("AdvertisedAddress", "not a uri", "AdvertisedAddress")]
    [InlineData("Schema", "Bad-Schema", "Schema")]
    [InlineData("DeclaredDeadExitCode", "0", "DeclaredDeadExitCode")]
    public void AddAccountGrainsCluster_WithAnInvalidOption_FailsNamingIt(string key, string value, string named)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:AccountGrains"] = "Host=127.0.0.1",
            [$"AccountGrains:Cluster:{key}"] = value,
        }).Build();

        var error = Assert.ThrowsAny<ArgumentException>(() => new ServiceCollection().AddAccountGrainsCluster(configuration));

        Assert.Equal(named, error.ParamName);
    }

    [Fact]
    public void AddAccountGrainsCluster_WithoutAConnectionString_Fails()
    {
        var configuration = new ConfigurationBuilder().Build();

        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddAccountGrainsCluster(configuration));

        Assert.Equal("ConnectionString", error.ParamName);
        Assert.DoesNotContain("Host=", error.Message, StringComparison.Ordinal);
    }
}
