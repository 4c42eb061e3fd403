namespace AccountGrains.Domain;

/// <summary>What an automatic lock turned out to be. Stored (as <c>UPPER_SNAKE</c>): never rename a member.</summary>
public enum FeedbackLabel
{
    /// <summary>The rule was right: the account was under attack or taken over.</summary>
    ConfirmedCompromise = 1,

    /// <summary>The rule was wrong: the owner was locked out for nothing.</summary>
    FalsePositive = 2,
}

/// <summary>A lock an automatic rule placed (the actor <c>system</c>), remembered so it can be labelled after it ended.</summary>
/// <param name="LockId">The lock.</param>
/// <param name="Rule">The rule that placed it, named by the lock's reason (<c>BRUTE_FORCE</c>).</param>
/// <param name="PlacedAt">When.</param>
/// <param name="Label">Its label, once an agent gave one.</param>
public sealed record AutomaticLock(string LockId, LockReason Rule, DateTimeOffset PlacedAt, FeedbackLabel? Label = null);

/// <summary>An agent labelled an automatic lock (<c>AutomaticLockLabelled</c>): the figure that tunes the rule's thresholds.</summary>
/// <param name="LockId">The lock.</param>
/// <param name="Rule">The rule that placed it.</param>
/// <param name="Label">Confirmed compromise or false positive.</param>
public sealed record AutomaticLockLabelled(string LockId, LockReason Rule, FeedbackLabel Label) : AccountEvent;

/// <summary>Label one automatic lock (in force or ended), once.</summary>
/// <param name="Actor">An agent (or an admin).</param>
/// <param name="LockId">The lock.</param>
/// <param name="Label">Confirmed compromise or false positive.</param>
/// <param name="Note">A note for history.</param>
public sealed record LabelAutomaticLock(Actor Actor, string LockId, FeedbackLabel Label, string? Note = null) : AccountCommand(Actor)
{
    /// <inheritdoc/>
    public override Operation Operation => Operation.LabelAutomaticLock;
}

/// <summary>An automatic lock was labelled.</summary>
/// <param name="Version">The version after.</param>
/// <param name="LockId">The lock.</param>
/// <param name="Rule">The rule that placed it.</param>
/// <param name="Label">The label.</param>
public sealed record LabelOutcome(long Version, string LockId, LockReason Rule, FeedbackLabel Label) : CommandOutcome(Version);

/// <summary>The feedback-label rules.</summary>
public static partial class AccountDecider
{
    private static DomainError? DecideLabel(AccountState state, LabelAutomaticLock cmd, in DecisionContext context, EventBatch batch)
    {
        var max = context.Options.MaxTextLength;
        if ((Text.Invalid(cmd.LockId, "lock id", required: true, max) ?? Text.Invalid(cmd.Note, "note", required: false, max)) is { } bad)
        {
            return Error(DomainErrorCode.InvalidArgument, bad);
        }

        if (cmd.Label is not (FeedbackLabel.ConfirmedCompromise or FeedbackLabel.FalsePositive))
        {
            return Error(DomainErrorCode.InvalidArgument, "Unknown feedback label.");
        }

        var auto = state.AutomaticLocks.FirstOrDefault(a => a.LockId == cmd.LockId);
        if (auto is null)
        {
            return Error(DomainErrorCode.NotFound, $"No automatic lock {cmd.LockId} among the last {AccountState.MaxTrackedAutomaticLocks}.");
        }

        if (auto.Label is { } label)
        {
            return Error(DomainErrorCode.FailedPrecondition, $"Lock {cmd.LockId} is already labelled {Names.Of(label)}.");
        }

        batch.Add(new AutomaticLockLabelled(auto.LockId, auto.Rule, cmd.Label), cmd.Note);
        return null;
    }
}
