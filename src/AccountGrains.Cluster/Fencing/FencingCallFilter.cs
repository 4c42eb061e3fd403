using AccountGrains.Abstractions;

namespace AccountGrains.Cluster.Fencing;

/// <summary>
/// Refuses every incoming application grain call while the silo cannot prove its lease is fresh
/// (<see cref="SiloLease.IsServing"/>): warm or cold, reads included, so a silo that was paused or cut off past its
/// lease never answers from a stale activation. On the hot path it is one volatile read and one clock read.
/// </summary>
internal sealed class FencingCallFilter(SiloLease lease) : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (lease.IsServing || IsOrleansOwn(context))
        {
            return context.Invoke();
        }

        return Task.FromException(new AccountUnavailableException(lease.IsLost
            ? "This silo lost its cluster lease and is shutting down; retry on another silo."
            : "This silo cannot reach the cluster's database in time (its lease is not fresh); retry shortly."));
    }

    // Orleans' own grains (management, test hooks) keep answering, so a fenced silo can still be inspected.
    private static bool IsOrleansOwn(IIncomingGrainCallContext context) =>
        context.Grain?.GetType().Namespace?.StartsWith("Orleans", StringComparison.Ordinal) == true;
}
