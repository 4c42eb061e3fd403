namespace AccountGrains.Domain;

/// <summary>An agent's decision on an appeal. Stored (as <c>UPPER_SNAKE</c>): never rename a member.</summary>
public enum AppealDecision
{
    /// <summary>The lock stays.</summary>
    Upheld = 1,

    /// <summary>The lock was wrong: it is lifted (that lock only).</summary>
    Overturned = 2,
}

/// <summary>An appeal waiting for an agent's decision.</summary>
/// <param name="AppealId">Unique within the account: <c>appeal-{seq}</c>.</param>
/// <param name="LockId">The contested lock.</param>
/// <param name="FiledBy">The platform service that filed it for the owner, as history writes actors.</param>
/// <param name="FiledAt">When.</param>
/// <param name="Statement">The owner's statement.</param>
public sealed record OpenAppeal(string AppealId, string LockId, string FiledBy, DateTimeOffset FiledAt, string Statement);

/// <summary>The owner contests one lock (<c>AppealFiled</c>), through a platform service.</summary>
/// <param name="AppealId">The appeal's id.</param>
/// <param name="LockId">The contested lock.</param>
/// <param name="LockReason">Its reason (so history reads without the placing event).</param>
/// <param name="Statement">The owner's statement.</param>
public sealed record AppealFiled(string AppealId, string LockId, LockReason LockReason, string Statement) : AccountEvent;

/// <summary>An agent decided an appeal (<c>AppealDecided</c>); an overturn's <c>LockLifted</c> (cause APPEAL) follows in the same commit.</summary>
/// <param name="AppealId">The appeal.</param>
/// <param name="LockId">The contested lock.</param>
/// <param name="Decision">Upheld or overturned.</param>
/// <param name="DecisionReason">Why.</param>
public sealed record AppealDecided(string AppealId, string LockId, AppealDecision Decision, string DecisionReason) : AccountEvent;

/// <summary>File an appeal against one lock in force, for the owner. At most one open appeal per lock.</summary>
/// <param name="Actor">The platform service (or an admin).</param>
/// <param name="LockId">The contested lock.</param>
/// <param name="Statement">The owner's statement (required).</param>
public sealed record FileAppeal(Actor Actor, string LockId, string Statement) : AccountCommand(Actor)
{
    /// <inheritdoc/>
    public override Operation Operation => Operation.FileAppeal;
}

/// <summary>Decide an open appeal: upheld, or overturned (which lifts exactly its lock).</summary>
/// <param name="Actor">An agent (or an admin).</param>
/// <param name="AppealId">The appeal.</param>
/// <param name="Decision">Upheld or overturned.</param>
/// <param name="Reason">Why (required).</param>
public sealed record DecideAppeal(Actor Actor, string AppealId, AppealDecision Decision, string Reason) : AccountCommand(Actor)
{
    /// <inheritdoc/>
    public override Operation Operation => Operation.DecideAppeal;
}

/// <summary>An appeal was filed.</summary>
/// <param name="Version">The version after.</param>
/// <param name="Appeal">The open appeal.</param>
public sealed record AppealFiledOutcome(long Version, OpenAppeal Appeal) : CommandOutcome(Version);

/// <summary>An appeal was decided.</summary>
/// <param name="Version">The version after.</param>
/// <param name="AppealId">The appeal.</param>
/// <param name="Decision">Upheld or overturned.</param>
/// <param name="LiftedLockIds">The lock an overturn lifted (none when upheld, or when the lock had already ended).</param>
public sealed record AppealDecidedOutcome(long Version, string AppealId, AppealDecision Decision, IReadOnlyList<string> LiftedLockIds) : CommandOutcome(Version);

/// <summary>The appeal rules.</summary>
public static partial class AccountDecider
{
    /// <summary>The id of an appeal filed by the event at <paramref name="seq"/>.</summary>
    public static string AppealIdFor(long seq) => "appeal-" + seq.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static DomainError? DecideFileAppeal(AccountState state, FileAppeal cmd, in DecisionContext context, EventBatch batch)
    {
        var max = context.Options.MaxTextLength;
        if ((Text.Invalid(cmd.LockId, "lock id", required: true, max) ?? Text.Invalid(cmd.Statement, "statement", required: true, max)) is { } bad)
        {
            return Error(DomainErrorCode.InvalidArgument, bad);
        }

        var target = state.ActiveLocks(context.Now).FirstOrDefault(l => l.LockId == cmd.LockId);
        if (target is null)
        {
            return Error(DomainErrorCode.NotFound, $"No active lock {cmd.LockId}.");
        }

        if (state.OpenAppeals.FirstOrDefault(a => a.LockId == cmd.LockId) is { } open)
        {
            return Error(DomainErrorCode.FailedPrecondition, $"Lock {cmd.LockId} already has an open appeal ({open.AppealId}).");
        }

        batch.Add(new AppealFiled(AppealIdFor(batch.NextSeq), target.LockId, target.Reason, cmd.Statement), Names.Of(target.Reason));
        return null;
    }

    private static DomainError? DecideDecideAppeal(AccountState state, DecideAppeal cmd, in DecisionContext context, EventBatch batch)
    {
        var max = context.Options.MaxTextLength;
        if ((Text.Invalid(cmd.AppealId, "appeal id", required: true, max) ?? Text.Invalid(cmd.Reason, "reason", required: true, max)) is { } bad)
        {
            return Error(DomainErrorCode.InvalidArgument, bad);
        }

        if (cmd.Decision is not (AppealDecision.Upheld or AppealDecision.Overturned))
        {
            return Error(DomainErrorCode.InvalidArgument, "Unknown appeal decision.");
        }

        var appeal = state.OpenAppeals.FirstOrDefault(a => a.AppealId == cmd.AppealId);
        if (appeal is null)
        {
            return Error(DomainErrorCode.NotFound, $"No open appeal {cmd.AppealId}.");
        }

        batch.Add(new AppealDecided(appeal.AppealId, appeal.LockId, cmd.Decision, cmd.Reason), cmd.Reason);
        if (cmd.Decision == AppealDecision.Overturned)
        {
            LiftAll(state, context.Now, batch, l => l.LockId == appeal.LockId, LiftCause.Appeal, cmd.Reason);
        }

        return null;
    }
}
