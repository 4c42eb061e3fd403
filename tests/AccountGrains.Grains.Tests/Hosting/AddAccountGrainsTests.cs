using AccountGrains.Grains.Tests.Support;
using Microsoft.Extensions.Options;

namespace AccountGrains.Grains.Tests.Hosting;

/// <summary>AddAccountGrains binds its options from configuration and a silo with values that cannot work does not start.</summary>
public sealed class AddAccountGrainsTests
{
    [Theory]
    [InlineData("AccountGrains:Grains:LoadPageSize", "0")]
    [InlineData("AccountGrains:GroupCommit:MaxBatchSize", "0")]
    [InlineData("AccountGrains:Rules:RecoveryMaxAttempts", "0")]
    [InlineData("AccountGrains:Audits:VendorShare", "1.5")]
    [InlineData("AccountGrains:Audits:ActionShares:Platform.LockPlaced", "0.5")]
    public async Task InvalidOptions_StopTheSiloAtStart(string key, string value)
    {
        await using var store = await SqliteTestStore.CreateAsync();
        var settings = new Dictionary<string, string?>(AccountCluster.FastReminders) { [key] = value };

        await Assert.ThrowsAnyAsync<OptionsValidationException>(async () => await (await AccountCluster.StartAsync(store, settings)).DisposeAsync());
    }

    [Fact]
    public async Task Options_BindFromTheirSections()
    {
        await using var store = await SqliteTestStore.CreateAsync();
        var settings = new Dictionary<string, string?>(AccountCluster.FastReminders)
        {
            ["AccountGrains:Grains:SnapshotEvery"] = "7",
            ["AccountGrains:Rules:RecoveryCodeLifetime"] = "00:03:00",
        };
        await using var silo = await AccountCluster.StartAsync(store, settings);

        var context = (AccountGrainContext)silo.SiloServices.GetService(typeof(AccountGrainContext))!;
        Assert.Equal(7, context.Options.SnapshotEvery);
        Assert.Equal(TimeSpan.FromMinutes(3), context.Rules.RecoveryCodeLifetime);
        Assert.Equal(TimeSpan.FromSeconds(2), context.ReminderPeriod);
    }
}
