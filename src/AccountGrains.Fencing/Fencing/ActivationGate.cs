using System.Diagnostics;
using System.Net;
using AccountGrains.Abstractions;
using AccountGrains.Fencing.Diagnostics;
using Microsoft.Extensions.Logging;

namespace AccountGrains.Fencing.Fencing;

/// <summary>
/// Holds back a new activation while a silo that Orleans declared dead (or that is stopping ungracefully) still holds a
/// live lease: that silo (paused, cut off, killed mid-stop) may still answer from its own activation of the same
/// grain, so this one loads its state only once that lease expired by the database clock or the silo left (marked
/// its lease left).
/// </summary>
/// <remarks>
/// We cannot know which silo hosted a given grain before, so any such silo holds back every activation; warm calls
/// are never touched. The view of the leases is the latest heartbeat's (<see cref="Update"/>); the statuses are
/// the freshest of that view and Orleans' local membership snapshot (a death is written to the table before it is
/// gossiped, so the local view is never ahead of the database for long). A silo absent from membership has never
/// been active and so never hosted a grain: it does not hold anything back.
/// </remarks>
internal sealed class ActivationGate(
    SiloLease lease,
    IClusterMembershipService membership,
    ClusterFencingOptions options,
    ILogger<ActivationGate> logger)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);
    private volatile Peer[] _peers = [];

    /// <summary>Replaces the view with the other live leases read by the latest heartbeat.</summary>
    public void Update(IReadOnlyList<PeerLease> peers)
    {
        var next = new Peer[peers.Count];
        for (var i = 0; i < next.Length; i++)
        {
            var p = peers[i];
            next[i] = new Peer(SiloAddress.New(IPAddress.Parse(p.Address), p.Port, p.Generation), p.MembershipStatus, p.Remaining);
        }

        _peers = next;
    }

    /// <summary>Whether the latest heartbeat saw a live lease of <paramref name="silo"/>, blocking or not.</summary>
    public bool SeesLeaseOf(SiloAddress silo) => Array.Exists(_peers, p => p.Silo.Equals(silo));

    /// <summary>The shortest remaining time of a lease that holds activations back, or <see langword="null"/> if none does.</summary>
    public TimeSpan? EarliestBlockingExpiry()
    {
        TimeSpan? earliest = null;
        foreach (var peer in _peers)
        {
            if (IsBlocking(peer, membership.CurrentSnapshot) && (earliest is null || peer.Remaining < earliest))
            {
                earliest = peer.Remaining;
            }
        }

        return earliest;
    }

    /// <summary>Completes once this silo serves and no lease holds activations back; fails after the gate's timeout.</summary>
    /// <exception cref="AccountUnavailableException">This silo lost its lease, or the wait exceeded <see cref="ClusterFencingOptions.ActivationGateTimeout"/>.</exception>
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        // The common case costs one clock read and a scan of the few other live leases.
        return lease.IsServing && Blocker() is null ? Task.CompletedTask : WaitSlowAsync(cancellationToken);
    }

    private async Task WaitSlowAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var logged = false;
        while (true)
        {
            if (lease.IsLost)
            {
                throw new AccountUnavailableException("This silo lost its cluster lease and no longer activates grains.");
            }

            // Fenced (its lease is not fresh): fail at once, as the call filter does for warm grains, rather than
            // hold the caller until its deadline; another silo or a retry serves it.
            if (!lease.IsServing)
            {
                throw new AccountUnavailableException("This silo is fenced (its cluster lease is not fresh) and activates no grain now; retry.");
            }

            var blocker = Blocker();
            if (lease.IsServing && blocker is null)
            {
                if (logged)
                {
                    ClusterLog.ActivationGateOpened(logger, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }

                return;
            }

            if (!logged && blocker is { } b)
            {
                ClusterLog.ActivationGateWaiting(logger, b.ToString(), b.Remaining.TotalMilliseconds);
                logged = true;
            }

            if (Stopwatch.GetElapsedTime(started) > options.ActivationGateTimeout)
            {
                ClusterLog.ActivationGateTimedOut(logger, options.ActivationGateTimeout.TotalMilliseconds);
                throw new AccountUnavailableException("The account cannot be activated yet: a silo that left the cluster may still hold its lease. Retry shortly.");
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    private Peer? Blocker()
    {
        var peers = _peers;
        if (peers.Length == 0)
        {
            return null;
        }

        var snapshot = membership.CurrentSnapshot;
        foreach (var peer in peers)
        {
            if (IsBlocking(peer, snapshot))
            {
                return peer;
            }
        }

        return null;
    }

    /// <remarks>
    /// The local view counts only for a member it lists: <see cref="ClusterMembershipSnapshot.GetSiloStatus(SiloAddress)"/>
    /// answers Dead for any silo it has not heard of yet (Orleans 10.4), which would make a silo that just took its
    /// lease, and has no membership row yet, hold back every activation until the others read the table.
    /// </remarks>
    private static bool IsBlocking(Peer peer, ClusterMembershipSnapshot snapshot) =>
        (snapshot.Members.TryGetValue(peer.Silo, out var member) && IsGone(member.Status))
        || (peer.DatabaseStatus is { } status && IsGone((SiloStatus)status));

    /// <summary>
    /// Declared dead, or stopping ungracefully, while it may still be serving what it hosted (paused past the
    /// declaration, cut off, or stopped without deactivating its grains: Orleans writes <see cref="SiloStatus.Stopping"/>
    /// when a stop is cancelled or its graceful part timed out, and its directory partitions move at once while its
    /// activations still live). A silo that is shutting down gracefully does not hold anything back: it deactivates
    /// each grain before Orleans' directory lets another silo activate it, so it never answers from an activation that
    /// has a successor; holding activations back for its whole shutdown would make its accounts unreachable for that long.
    /// </summary>
    private static bool IsGone(SiloStatus status) => status is SiloStatus.Dead or SiloStatus.Stopping;

    private sealed record Peer(SiloAddress Silo, int? DatabaseStatus, TimeSpan Remaining)
    {
        public override string ToString() => Silo.ToString();
    }
}
