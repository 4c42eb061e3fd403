namespace AccountGrains.Domain.Tests.Rules;

public sealed class AccountRulesOptionsTests
{
    [Fact]
    public void Default_IsValid_WithDomainNumbers()
    {
        var options = AccountRulesOptions.Default;

        options.Validate();

        Assert.Equal((10, 20, 3, 5), (options.BruteForceThreshold, options.MaxDevices, options.RecoveryMaxAttempts, options.RecoveryMaxFailedTries));
        Assert.Equal(TimeSpan.FromMinutes(10), options.RecoveryCodeLifetime);
    }

    [Fact]
    public void Validate_NamesEveryInvalidOption()
    {
        var options = new AccountRulesOptions { BruteForceThreshold = 0, RiskDecay = TimeSpan.Zero, RecoveryCodeDigits = 4 };

        var error = Assert.Throws<InvalidOperationException>(options.Validate);

        Assert.Contains(nameof(AccountRulesOptions.BruteForceThreshold), error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(AccountRulesOptions.RiskDecay), error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(AccountRulesOptions.RecoveryCodeDigits), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ThresholdAboveWhatTheFoldTracks_IsRefused()
    {
        var options = new AccountRulesOptions { BruteForceThreshold = AccountState.MaxTrackedFailures + 1 };

        Assert.Throws<InvalidOperationException>(options.Validate);
    }
}
