using AccountGrains.Runtime;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the grain runtime, grain classes and reminders.</summary>
public static class GrainRuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Registers the grain runtime of this silo: <see cref="IGrainFactory"/> and <see cref="IGrainRuntime"/>
    /// (one singleton), a hosted service that starts idle collection (and reminders, with
    /// <see cref="AddGrainReminders"/>) and on host shutdown stops gracefully (finishing turns in flight,
    /// deactivating every grain), and single-silo <see cref="IGrainOwnership"/> unless one is registered.
    /// Uses the <see cref="TimeProvider"/> registered, else <see cref="TimeProvider.System"/>.
    /// </summary>
    /// <param name="services">The container.</param>
    /// <param name="configure">Changes to the default <see cref="GrainRuntimeOptions"/>; validated when the runtime is created.</param>
    public static IServiceCollection AddGrainRuntime(this IServiceCollection services, Action<GrainRuntimeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<GrainRuntimeOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GrainRuntimeOptions>, GrainRuntimeOptionsValidator>());
        services.AddLogging();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IGrainOwnership, SingleSiloOwnership>();
        services.TryAddSingleton<RuntimeMetrics>();
        services.TryAddSingleton<GrainRuntime>();
        services.TryAddSingleton<IGrainRuntime>(sp => sp.GetRequiredService<GrainRuntime>());
        services.TryAddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainRuntime>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, GrainRuntimeHostedService>());
        return services;
    }

    /// <summary>
    /// Registers a grain class, created per activation from the container (constructor injection through
    /// <see cref="ActivatorUtilities"/>); its type name comes from <see cref="GrainTypeAttribute"/> or the class name.
    /// </summary>
    public static IServiceCollection AddGrain<TGrain>(this IServiceCollection services)
        where TGrain : Grain
    {
        var create = ActivatorUtilities.CreateFactory<TGrain>([]);
        return services.AddGrain((sp, _) => create(sp, null));
    }

    /// <summary>Registers a grain class created per activation by <paramref name="factory"/>, which receives the grain's id.</summary>
    public static IServiceCollection AddGrain<TGrain>(this IServiceCollection services, Func<IServiceProvider, GrainId, TGrain> factory)
        where TGrain : Grain
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(factory);
        services.AddSingleton(new GrainTypeRegistration(GrainTypeAttribute.NameOf(typeof(TGrain)), typeof(TGrain), factory));
        return services;
    }

    /// <summary>
    /// Registers the reminder service, started and stopped with the runtime. Needs an
    /// <c>AccountGrains.Storage.IReminderStore</c> in the container; reminders of grains this silo does not
    /// own (<see cref="IGrainOwnership.IsReminderLocal"/>) are left to their owners.
    /// </summary>
    /// <param name="services">The container.</param>
    /// <param name="configure">Changes to the default <see cref="ReminderOptions"/>; validated when the service is created.</param>
    public static IServiceCollection AddGrainReminders(this IServiceCollection services, Action<ReminderOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<ReminderOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReminderOptions>, ReminderOptionsValidator>());
        services.TryAddSingleton<ReminderService>();
        services.TryAddSingleton<IReminderScheduler>(sp => sp.GetRequiredService<ReminderService>());
        return services;
    }
}
