using Microsoft.Extensions.Configuration;
using AccountGrains.Runtime;
using AccountGrains.Storage;
using AccountGrains.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AccountGrains.Grains.Tests.Support;

/// <summary>
/// One silo's grain runtime with account grains, on a store the test owns, so a test can stop a silo
/// and start a new one on the same store ("restart") while a manual clock moves time.
/// </summary>
internal sealed class SiloHarness : IAsyncDisposable
{
    private readonly IHost _host;

    private SiloHarness(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public IGrainRuntime Runtime => _host.Services.GetRequiredService<IGrainRuntime>();

    public AccountHistoryReader History => _host.Services.GetRequiredService<AccountHistoryReader>();

    public static async Task<SiloHarness> StartAsync(IEventStore store, IReminderStore reminders, ManualTimeProvider time, IDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            // Poll often so a reminder falls due within one manual-clock step.
            ["AccountGrains:Reminders:PollPeriod"] = "00:00:10",
            ["AccountGrains:Reminders:LookAhead"] = "00:00:20",
            ["AccountGrains:Reminders:RetryDelay"] = "00:00:10",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(reminders);
        builder.Services.AddAccountGrains(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        return new SiloHarness(host);
    }

    /// <summary>Stops gracefully: turns in flight finish, every grain deactivates.</summary>
    public Task StopAsync() => _host.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        if (_host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }
    }
}
