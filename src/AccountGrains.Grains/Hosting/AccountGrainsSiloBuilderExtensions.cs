using AccountGrains.Domain;
using AccountGrains.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AccountGrains.Grains;

/// <summary>Registers the account grain on an Orleans silo.</summary>
public static class AccountGrainsSiloBuilderExtensions
{
    /// <summary>The configuration section dual control binds from (<see cref="DualControlOptions"/>, part of the rules).</summary>
    public const string DualControlSection = "AccountGrains:DualControl";

    /// <summary>
    /// Registers what the account grain needs: group commit over the host's <see cref="IEventStore"/>, the
    /// shared grain context and Orleans reminders (the host chooses the reminder table). Expects
    /// <see cref="IEventStore"/> and <see cref="TimeProvider"/> to be registered by the host. Options bind
    /// from <c>AccountGrains:Rules</c> (<see cref="AccountRulesOptions"/>; its <see cref="AccountRulesOptions.DualControl"/> from
    /// <c>AccountGrains:DualControl</c>), <c>AccountGrains:Grains</c> (<see cref="AccountGrainOptions"/>),
    /// <c>AccountGrains:GroupCommit</c> (<see cref="GroupCommitWriterOptions"/>) and <c>AccountGrains:Audits</c>
    /// (<see cref="AuditOptions"/>), each validated at start.
    /// </summary>
    /// <param name="silo">The silo.</param>
    /// <returns>The silo, for chaining.</returns>
    public static ISiloBuilder AddAccountGrains(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.AddReminders();
        var services = silo.Services;
        AddValidated<AccountRulesOptions>(services, "AccountGrains:Rules", o => o.Validate());
        services.AddOptions<AccountRulesOptions>().Configure<IConfiguration>((o, config) => config.GetSection(DualControlSection).Bind(o.DualControl));
        AddValidated<AccountGrainOptions>(services, AccountGrainOptions.Section, o => o.Validate());
        AddValidated<GroupCommitWriterOptions>(services, "AccountGrains:GroupCommit", o => o.Validate());
        AddValidated<AuditOptions>(services, AuditOptions.SectionName, o => o.Validate());
        services.TryAddSingleton(sp => new GroupCommitWriter(sp.GetRequiredService<IEventStore>(), sp.GetRequiredService<IOptions<GroupCommitWriterOptions>>().Value));
        services.TryAddSingleton<AccountGrainContext>();
        return silo;
    }

    private static void AddValidated<T>(IServiceCollection services, string section, Action<T> validate)
        where T : class
    {
        services.AddOptions<T>().BindConfiguration(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>>(new ValidatingOptions<T>(validate));
    }
}
