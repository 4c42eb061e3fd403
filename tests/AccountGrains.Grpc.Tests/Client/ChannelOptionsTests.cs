using AccountGrains.Grpc.Client;
using Grpc.Testing;

namespace AccountGrains.Grpc.Tests.Client;

public sealed class ChannelOptionsTests
{
    public static TheoryData<string> InvalidSettings => new()
    {
        "MaxReceiveMessageSize", "MaxSendMessageSize", "DefaultTimeout", "ConnectTimeout", "KeepAlivePingTimeout",
        "Retry.MaxAttempts", "Retry.MaxBackoff", "Retry.BackoffMultiplier",
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void ForAddress_WithInvalidOption_FailsFast(string setting)
    {
        var options = new GrpcChannelOptions();
        Action<GrpcChannelOptions> breakIt = setting switch
        {
            "MaxReceiveMessageSize" => o => o.MaxReceiveMessageSize = -1,
            "MaxSendMessageSize" => o => o.MaxSendMessageSize = -1,
            "DefaultTimeout" => o => o.DefaultTimeout = TimeSpan.Zero,
            "ConnectTimeout" => o => o.ConnectTimeout = TimeSpan.Zero,
            "KeepAlivePingTimeout" => o => o.KeepAlivePingTimeout = TimeSpan.FromSeconds(-1),
            "Retry.MaxAttempts" => o => o.Retry.MaxAttempts = 0,
            "Retry.MaxBackoff" => o => o.Retry.MaxBackoff = TimeSpan.FromMilliseconds(1),
            _ => o => o.Retry.BackoffMultiplier = 0.5,
        };
        breakIt(options);

        var error = Assert.ThrowsAny<ArgumentException>(() => GrpcChannel.ForAddress("http://127.0.0.1:5000", options));

        Assert.Contains(setting.Split('.')[^1], error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1:5000")]
    [InlineData("/relative")]
    public void ForAddress_WithNonHttpAddress_FailsFast(string address)
    {
        Assert.ThrowsAny<Exception>(() => GrpcChannel.ForAddress(address));
    }

    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var options = new GrpcChannelOptions();

        Assert.Equal(4 * 1024 * 1024, options.MaxReceiveMessageSize);
        Assert.Null(options.MaxSendMessageSize);
        Assert.Null(options.DefaultTimeout);
        Assert.Equal(3, options.Retry.MaxAttempts);
        Assert.Equal(["gzip", "deflate"], options.CompressionProviders.Select(p => p.EncodingName));
    }

    [Fact]
    public async Task StartingACall_OnADisposedChannel_Throws()
    {
        var channel = GrpcChannel.ForAddress("http://127.0.0.1:5000");
        channel.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => channel.UnaryAsync(TestServiceMethods.EmptyCall, new Empty()));
    }
}
