using AccountGrains.Storage;
using AccountGrains.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AccountGrains.Runtime.Tests;

/// <summary>A runtime built the way a host builds it (DI + hosted service), on a manual clock.</summary>
internal sealed class TestSilo : IAsyncDisposable
{
    private readonly ServiceProvider _provider;
    private readonly IHostedService[] _hosted;
    private bool _stopped;

    private TestSilo(ServiceProvider provider)
    {
        _provider = provider;
        _hosted = [.. provider.GetServices<IHostedService>()];
    }

    public IServiceProvider Services => _provider;

    public ManualTimeProvider Clock => (ManualTimeProvider)_provider.GetRequiredService<TimeProvider>();

    public GrainProbe Probe => _provider.GetRequiredService<GrainProbe>();

    public IGrainFactory Factory => _provider.GetRequiredService<IGrainFactory>();

    public GrainRuntime Runtime => _provider.GetRequiredService<GrainRuntime>();

    public ReminderService Reminders => _provider.GetRequiredService<ReminderService>();

    public static async Task<TestSilo> StartAsync(
        Action<GrainRuntimeOptions>? options = null,
        ManualTimeProvider? clock = null,
        InMemoryReminderStore? reminders = null,
        Action<ReminderOptions>? reminderOptions = null,
        Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(clock ?? new ManualTimeProvider());
        collection.AddSingleton<GrainProbe>();
        collection.AddGrainRuntime(options);
        collection.AddGrain<ProbeGrain>();
        collection.AddGrain<SerialGrain>();
        collection.AddGrain<RemindedGrain>();
        if (reminders is not null)
        {
            collection.AddSingleton<IReminderStore>(reminders);
            collection.AddGrainReminders(reminderOptions);
        }

        services?.Invoke(collection);
        var silo = new TestSilo(collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
        foreach (var hosted in silo._hosted)
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        return silo;
    }

    public async Task StopAsync()
    {
        _stopped = true;
        foreach (var hosted in _hosted.Reverse())
        {
            await hosted.StopAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopped)
        {
            await StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }

        await _provider.DisposeAsync();
    }
}
