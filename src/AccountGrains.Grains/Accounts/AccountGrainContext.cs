using AccountGrains.Domain;
using AccountGrains.Runtime;
using AccountGrains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AccountGrains.Grains;

/// <summary>
/// Everything an account grain needs from the silo, in one singleton, so an activation holds one
/// reference instead of seven (an idle activation must stay near 1 KiB).
/// </summary>
internal sealed class AccountGrainContext(
    IEventStore store,
    IReminderStore reminders,
    GroupCommitWriter writer,
    IReminderScheduler scheduler,
    TimeProvider time,
    IOptions<AccountRulesOptions> rules,
    IOptions<AccountGrainOptions> options,
    ILogger<AccountGrain> logger)
{
    public IEventStore Store { get; } = store;

    public IReminderStore Reminders { get; } = reminders;

    public GroupCommitWriter Writer { get; } = writer;

    public IReminderScheduler Scheduler { get; } = scheduler;

    public TimeProvider Time { get; } = time;

    public AccountRulesOptions Rules { get; } = rules.Value;

    public AccountGrainOptions Options { get; } = options.Value;

    public ILogger Logger { get; } = logger;

    public IRandomSource Random { get; } = CryptoRandomSource.Instance;
}
