using AccountGrains.Domain;
using AccountGrains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AccountGrains.Grains;

/// <summary>
/// Everything an account grain needs from the silo, in one singleton, so an idle activation holds one
/// reference instead of eight.
/// </summary>
internal sealed class AccountGrainContext(
    IEventStore store,
    GroupCommitWriter writer,
    TimeProvider time,
    IOptions<AccountRulesOptions> rules,
    IOptions<AccountGrainOptions> options,
    IOptions<ReminderOptions> reminders,
    IOptions<AuditOptions> audits,
    ILogger<AccountGrain> logger,
    IAccountCommitFeed? commitFeed = null) : IDisposable
{
    public IEventStore Store { get; } = store;

    public GroupCommitWriter Writer { get; } = writer;

    public AccountHistoryReader History { get; } = new(store);

    public TimeProvider Time { get; } = time;

    public AccountRulesOptions Rules { get; } = rules.Value;

    public AccountGrainOptions Options { get; } = options.Value;

    /// <summary>The quality-audit sampling shares, validated at start.</summary>
    public AuditOptions Audits { get; } = audits.Value;

    /// <summary>The deadline reminder's period: the configured one, never below what Orleans accepts.</summary>
    public TimeSpan ReminderPeriod { get; } = options.Value.ReminderPeriod < reminders.Value.MinimumReminderPeriod
        ? reminders.Value.MinimumReminderPeriod
        : options.Value.ReminderPeriod;

    public ILogger Logger { get; } = logger;

    public IRandomSource Random { get; } = CryptoRandomSource.Instance;

    /// <summary>This silo's activations, where other silos may write the same accounts; null on the embedded store.</summary>
    public LocalActivations? Activations { get; } = commitFeed is null ? null : new LocalActivations(commitFeed);

    public void Dispose() => Activations?.Dispose();
}
