using AccountGrains.Silo.Security;
using Microsoft.Extensions.Configuration;

namespace AccountGrains.Api.Tests.Silo;

/// <summary>An open silo (no keys) listens on loopback only, refused before anything binds.</summary>
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

        ListenPolicy.EnsureLoopbackWhenOpen(configuration);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
}
