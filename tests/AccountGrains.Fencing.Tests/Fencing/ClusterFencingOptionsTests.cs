namespace AccountGrains.Fencing.Tests.Fencing;

public sealed class ClusterFencingOptionsTests
{
    [Fact]
    public void Defaults_WithAConnectionString_AreValid()
    {
        var options = Valid();

        options.Validate();

        Assert.Equal(TimeSpan.FromSeconds(3), options.LeaseDuration);
        Assert.Equal(TimeSpan.FromSeconds(1), options.SafetyMargin);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.HeartbeatInterval);
        Assert.Equal(70, options.LeaseLostExitCode);
    }

    [Theory]
    [InlineData(nameof(ClusterFencingOptions.ConnectionString))]
    [InlineData(nameof(ClusterFencingOptions.Schema))]
    [InlineData(nameof(ClusterFencingOptions.SafetyMargin))]
    [InlineData(nameof(ClusterFencingOptions.LeaseDuration))]
    [InlineData(nameof(ClusterFencingOptions.HeartbeatInterval))]
    [InlineData(nameof(ClusterFencingOptions.ActivationGateTimeout))]
    [InlineData(nameof(ClusterFencingOptions.LeaseLostExitCode))]
    public void Validate_WithABadValue_NamesTheOption(string option)
    {
        var options = Valid();
        switch (option)
        {
            case nameof(ClusterFencingOptions.ConnectionString): options.ConnectionString = " "; break;
            case nameof(ClusterFencingOptions.Schema): options.Schema = "Bad-Schema"; break;
            case nameof(ClusterFencingOptions.SafetyMargin): options.SafetyMargin = TimeSpan.FromSeconds(3); break;
            case nameof(ClusterFencingOptions.LeaseDuration): options.LeaseDuration = TimeSpan.FromSeconds(1.5); break;
            case nameof(ClusterFencingOptions.HeartbeatInterval): options.HeartbeatInterval = TimeSpan.FromMilliseconds(10); break;
            case nameof(ClusterFencingOptions.ActivationGateTimeout): options.ActivationGateTimeout = TimeSpan.FromSeconds(2); break;
            default: options.LeaseLostExitCode = 0; break;
        }

        var error = Assert.ThrowsAny<ArgumentException>(options.Validate);

        Assert.Equal(option, error.ParamName);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    private static ClusterFencingOptions Valid() => new() { ConnectionString = "Host=127.0.0.1;Password=secret" };
}
