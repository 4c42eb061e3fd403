using AccountGrains.Streaming.Internal;
using AccountGrains.Streaming.Reporting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Streams;

namespace AccountGrains.Streaming;

/// <summary>Registers the account event stream provider and the reporting projection on an Orleans silo.</summary>
public static class AccountEventStreamsSiloBuilderExtensions
{
    /// <summary>
    /// Adds the persistent stream provider <see cref="AccountEventStreams.ProviderName"/> over the host's
    /// <see cref="Storage.IEventStore"/> (one queue per partition, implicit subscriptions only) and the reporting
    /// projection, which needs an <see cref="Storage.Reports.IReportStore"/> in the same database. Options bind from
    /// <see cref="AccountEventStreamOptions.Section"/> and are validated at start.
    /// </summary>
    /// <param name="silo">The silo.</param>
    /// <returns>The silo, for chaining.</returns>
    public static ISiloBuilder AddAccountEventStreams(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var services = silo.Services;
        services.AddOptions<AccountEventStreamOptions>().BindConfiguration(AccountEventStreamOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AccountEventStreamOptions>, AccountEventStreamOptionsValidator>();
        services.AddSingleton<IAccountEventStreamCheckpoints, ReportCheckpoints>();
        services.AddSingleton<ReportMaintenance>();

        silo.AddPersistentStreams(AccountEventStreams.ProviderName, LogQueueAdapterFactory.Create, stream =>
        {
            // Consumers are implicit (a grain per partition): no pub-sub grain state to keep.
            stream.ConfigureStreamPubSub(StreamPubSubType.ImplicitOnly);
            stream.ConfigurePullingAgent(agent => agent.Configure<IOptions<AccountEventStreamOptions>>((o, streams) => o.GetQueueMsgsTimerPeriod = streams.Value.PollInterval));
        });
        return silo;
    }
}

/// <summary>Runs <see cref="AccountEventStreamOptions.Validate"/> at start, so a bad value stops the silo naming it.</summary>
internal sealed class AccountEventStreamOptionsValidator : IValidateOptions<AccountEventStreamOptions>
{
    public ValidateOptionsResult Validate(string? name, AccountEventStreamOptions options)
    {
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException e)
        {
            return ValidateOptionsResult.Fail($"{nameof(AccountEventStreamOptions)}: {e.Message}");
        }
    }
}
