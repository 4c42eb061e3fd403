using AccountGrains.Abstractions;

namespace AccountGrains.Fencing.Fencing;

/// <summary>
/// Refuses every incoming application grain call while the silo cannot prove its lease is fresh
/// (<see cref="SiloLease.IsServing"/>): warm or cold, reads included, so a silo that was paused or cut off past its
/// lease never answers from a stale activation. On the hot path it is one volatile read and two clock reads.
/// </summary>
/// <remarks>
/// A call admitted just before the window closed may end after it (a long turn, or a pause mid-turn). Its answer is
/// returned only if it ends before <see cref="SiloLease.AnswerIsFresh"/> says the lease could be taken over; later,
/// the caller gets <see cref="AccountUnavailableException"/> instead, so a write that landed after another silo
/// loaded the account is never acknowledged (docs/decisions/0007-fencing-on-orleans.md).
/// </remarks>
internal sealed class FencingCallFilter(SiloLease lease) : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (!lease.IsServing && !IsOrleansOwn(context))
        {
            return Task.FromException(Refusal());
        }

        var call = context.Invoke();
        if (call.IsCompletedSuccessfully)
        {
            return lease.AnswerIsFresh || IsOrleansOwn(context) ? call : Task.FromException(Refusal());
        }

        return AfterAsync(call, context);
    }

    private async Task AfterAsync(Task call, IIncomingGrainCallContext context)
    {
        await call;
        if (!lease.AnswerIsFresh && !IsOrleansOwn(context))
        {
            throw Refusal();
        }
    }

    private AccountUnavailableException Refusal() => new(lease.IsLost
        ? "This silo lost its cluster lease and is shutting down; retry on another silo."
        : "This silo cannot reach the cluster's database in time (its lease is not fresh); retry shortly.");

    // Orleans' own grains (management, test hooks) keep answering, so a fenced silo can still be inspected.
    private static bool IsOrleansOwn(IIncomingGrainCallContext context) =>
        context.Grain?.GetType().Namespace?.StartsWith("Orleans", StringComparison.Ordinal) == true;
}
