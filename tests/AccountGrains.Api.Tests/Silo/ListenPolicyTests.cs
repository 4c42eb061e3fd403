using AccountGrains.Silo.Security;
using Microsoft.Extensions.Configuration;

namespace AccountGrains.Api.Tests.Silo;

/// <summary>An open silo (no API keys and no JWT) listens on loopback only, refused before anything binds.</summary>
public sealed class ListenPolicyTests
{
    [Theory]
    [InlineData("http://127.0.0.1:50051", true)]
    [InlineData("http://127.9.9.9:50051", true)]
    [InlineData("http://[::1]:50051", true)]
    [InlineData("http://localhost:50051", true)]
    [InlineData("http://0.0.0.0:50051", false)]
    [InlineData("http://*:50051", false)]
    [InlineData("http://+:50051", false)]
    [InlineData("http://[::]:50051", false)]
    [InlineData("http://10.1.2.3:50051", false)]
    [InlineData("http://accounts.internal:50051", false)]
    public void IsLoopback_RecognisesOnlyLoopbackHosts(string url, bool expected) =>
        Assert.Equal(expected, ListenPolicy.IsLoopback(url));

    [Fact]
    public void OpenSilo_AskedToListenOnEveryInterface_RefusesToStart()
    {
        var configuration = Configuration(("urls", "http://127.0.0.1:5000;http://0.0.0.0:5001"));

        var error = Assert.Throws<InvalidOperationException>(() => ListenPolicy.EnsureLoopbackWhenOpen(configuration));

        Assert.Contains("0.0.0.0:5001", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenSilo_WithAKestrelEndpointBeyondLoopback_RefusesToStart() =>
        Assert.Throws<InvalidOperationException>(() => ListenPolicy.EnsureLoopbackWhenOpen(
            Configuration(("Kestrel:Endpoints:Grpc:Url", "http://10.0.0.7:50051"))));

    [Fact]
    public void SiloWithKeys_MayListenBeyondLoopback()
    {
        var configuration = Configuration(("urls", "http://0.0.0.0:5001"), ("AccountGrains:Auth:Keys:0:Name", "checkout"));

        Assert.False(ListenPolicy.IsOpen(configuration));
        ListenPolicy.EnsureLoopbackWhenOpen(configuration);
    }

    [Fact]
    public void SiloWithJwtOnly_IsNotOpen_AndMayListenBeyondLoopback()
    {
        var configuration = Configuration(
            ("urls", "http://0.0.0.0:5001"),
            ("AccountGrains:Auth:Jwt:Issuer", "https://issuer.example"),
            ("AccountGrains:Auth:Jwt:Audience", "accountgrains"),
            ("AccountGrains:Auth:Jwt:SigningKeys:0", "c2lnbmluZy1rZXktZm9yLXRoZS10ZXN0cy0zMi1ieXRlcyE="));

        Assert.False(ListenPolicy.IsOpen(configuration));
        ListenPolicy.EnsureLoopbackWhenOpen(configuration);
    }

    [Fact]
    public void SiloWithNeitherKeysNorJwt_IsOpen_AndItsRefusalNamesBothWaysOut()
    {
        var configuration = Configuration(("urls", "http://0.0.0.0:5001"), ("AccountGrains:Grpc:EnableDetailedErrors", "false"));

        Assert.True(ListenPolicy.IsOpen(configuration));
        var error = Assert.Throws<InvalidOperationException>(() => ListenPolicy.EnsureLoopbackWhenOpen(configuration));
        Assert.Contains("AccountGrains:Auth:Keys", error.Message, StringComparison.Ordinal);
        Assert.Contains("AccountGrains:Auth:Jwt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenSilo_OnLoopbackOnly_Starts() =>
        ListenPolicy.EnsureLoopbackWhenOpen(Configuration(("urls", "http://127.0.0.1:5000;http://[::1]:5001;http://localhost:5002")));

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
}
