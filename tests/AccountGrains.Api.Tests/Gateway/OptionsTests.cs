using AccountGrains.Gateway;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AccountGrains.Api.Tests.Gateway;

/// <summary>The gateway's options fail fast, naming what is wrong and never a secret.</summary>
public sealed class OptionsTests
{
    private const string Hash = "0000000000000000000000000000000000000000000000000000000000000001";

    [Theory]
    [InlineData("Keys:0:Name", "", "Name")]
    [InlineData("Keys:0:Role", "system", "Role")]
    [InlineData("Keys:0:Role", "3", "Role")]
    [InlineData("Keys:0:Sha256", "abc", "Sha256")]
    [InlineData("Jwt:SigningKeys:0", "c2hvcnQ=", "SigningKeys")]
    [InlineData("Jwt:Issuer", "", "Issuer")]
    public void InvalidAuthSetting_IsRefusedWithItsName(string key, string value, string named)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Keys:0:Name"] = "checkout",
            ["Keys:0:Role"] = "platform",
            ["Keys:0:Sha256"] = Hash,
            ["Jwt:Issuer"] = "https://id.test",
            ["Jwt:Audience"] = "accountgrains",
            ["Jwt:SigningKeys:0"] = Convert.ToBase64String(new byte[32]),
        };
        settings[key] = value;

        var error = Assert.Throws<InvalidOperationException>(() => Bind(settings).Validate());

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Hash, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoKeyAndNoJwt_IsOpen()
    {
        var configuration = new ConfigurationBuilder().Build();

        Assert.True(Bind([]).IsOpen);
        Assert.True(configuration.IsGatewayOpen());
    }

    [Fact]
    public void JwtAlone_IsNotOpen()
    {
        var settings = new Dictionary<string, string?> { ["AccountGrains:Auth:Jwt:SigningKeys:0"] = Convert.ToBase64String(new byte[32]) };

        Assert.False(new ConfigurationBuilder().AddInMemoryCollection(settings).Build().IsGatewayOpen());
    }

    [Fact]
    public async Task JwtSectionWithoutASigningKey_FailsTheStart()
    {
        var settings = new Dictionary<string, string?> { ["AccountGrains:Auth:Jwt:Issuer"] = "https://id.test" };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddAccountGateway(configuration).BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<Microsoft.Extensions.Options.IOptions<GatewayAuthOptions>>().Value);

        Assert.Contains("SigningKeys", error.Message, StringComparison.Ordinal);
        Assert.False(configuration.IsGatewayOpen());
        await services.DisposeAsync();
    }

    [Fact]
    public void DefaultDeadlineOfZero_IsRefused() =>
        Assert.Throws<InvalidOperationException>(() => new GatewayGrpcOptions { DefaultDeadline = TimeSpan.Zero }.Validate());

    private static GatewayAuthOptions Bind(Dictionary<string, string?> settings)
    {
        var options = new GatewayAuthOptions();
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().Bind(options);
        return options;
    }
}
