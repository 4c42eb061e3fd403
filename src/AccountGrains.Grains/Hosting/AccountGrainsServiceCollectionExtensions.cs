using AccountGrains.Domain;
using AccountGrains.Grains;
using AccountGrains.Runtime;
using AccountGrains.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers account grains on the grain runtime.</summary>
public static class AccountGrainsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the account grain, the grain runtime with reminders, group commit over the registered
    /// <see cref="IEventStore"/> and <see cref="IReminderStore"/>, and the history reader. Options bind from
    /// <c>AccountGrains:Rules</c> (<see cref="AccountRulesOptions"/>), <c>AccountGrains:Grains</c>
    /// (<see cref="AccountGrainOptions"/>), <c>AccountGrains:Runtime</c>, <c>AccountGrains:Reminders</c> and
    /// <c>AccountGrains:GroupCommit</c>; all are validated at start.
    /// </summary>
    public static IServiceCollection AddAccountGrains(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<AccountRulesOptions>().Bind(configuration.GetSection("AccountGrains:Rules")).Validate(Valid<AccountRulesOptions>(o => o.Validate())).ValidateOnStart();
        services.AddOptions<AccountGrainOptions>().Bind(configuration.GetSection(AccountGrainOptions.Section)).Validate(Valid<AccountGrainOptions>(o => o.Validate())).ValidateOnStart();
        services.AddOptions<GroupCommitWriterOptions>().Bind(configuration.GetSection("AccountGrains:GroupCommit"));
        services.Configure<GrainRuntimeOptions>(configuration.GetSection("AccountGrains:Runtime"));
        services.Configure<ReminderOptions>(configuration.GetSection("AccountGrains:Reminders"));
        services.AddGrainRuntime();
        services.AddGrainReminders();
        services.TryAddSingleton(sp => new GroupCommitWriter(sp.GetRequiredService<IEventStore>(), sp.GetRequiredService<IOptions<GroupCommitWriterOptions>>().Value));
        services.TryAddSingleton<AccountGrainContext>();
        services.TryAddSingleton<AccountHistoryReader>();
        services.AddGrain((sp, _) => new AccountGrain(sp.GetRequiredService<AccountGrainContext>()));
        return services;
    }

    // Options.Validate() methods throw with a precise message; OptionsValidationException carries it to the log at start.
    private static Func<T, bool> Valid<T>(Action<T> validate) => options =>
    {
        validate(options);
        return true;
    };
}
