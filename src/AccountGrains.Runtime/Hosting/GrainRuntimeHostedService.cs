using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AccountGrains.Runtime;

/// <summary>Starts collection and reminders with the host; on shutdown stops reminders, then the runtime.</summary>
internal sealed class GrainRuntimeHostedService(GrainRuntime runtime, IServiceProvider services) : IHostedService
{
    private readonly ReminderService? _reminders = services.GetService<ReminderService>();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        runtime.Start();
        if (_reminders is not null)
        {
            await _reminders.StartAsync();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_reminders is not null)
        {
            try
            {
                await _reminders.StopAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The runtime's stop below still refuses calls and deactivates what it can.
            }
        }

        await runtime.StopAsync(cancellationToken);
    }
}
