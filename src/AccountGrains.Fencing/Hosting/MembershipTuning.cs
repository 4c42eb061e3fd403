using Orleans.Configuration;

namespace AccountGrains.Fencing.Hosting;

/// <summary>
/// Failure detection tuned so a crashed silo's accounts are served again within 5 s on three silos (ARCHITECTURE.md's
/// budget), next to Orleans' defaults (which take about a minute: docs/decisions/0007-fencing-on-orleans.md).
/// Any value can still be set from configuration under <c>Orleans:Membership</c> (for example
/// <c>Orleans__Membership__ProbeTimeout=00:00:02</c>), which is applied after these.
/// </summary>
/// <remarks>
/// The price is false positives: a healthy silo that cannot answer probes for about 3 s (a long GC pause, a starved
/// CPU, a network blip) is declared dead and restarts, where Orleans' defaults would wait 15 s to a minute.
/// Orleans' own guards stay on: a probe that timed out while this silo itself stalled does not count, timeouts
/// stretch with local health degradation, indirect probes confirm a failure through another silo, and recent traffic
/// on the connection suppresses a vote.
/// </remarks>
internal static class MembershipTuning
{
    public static void Apply(ClusterMembershipOptions o)
    {
        // Probes: Orleans 5 s initial, adaptive between 2.5 s and 20 s. Here 1 s, adaptive between 0.5 s and 1 s,
        // so three missed probes (two direct, then one through another silo) take 1.5-3 s. The 1 s ceiling also
        // bounds the "recent traffic" window (MaxProbeTimeout x NumMissedProbesLimit = 3 s) that would otherwise
        // keep a paused silo alive in its peers' eyes for 60 s.
        o.ProbeTimeout = TimeSpan.FromSeconds(1);
        o.MinProbeTimeout = TimeSpan.FromMilliseconds(500);
        o.MaxProbeTimeout = TimeSpan.FromSeconds(1);

        // Orleans' defaults: 3 missed probes, 2 votes. An indirect probe's failure brings two votes (the prober's and
        // the intermediary's), so on three silos one failed indirect probe declares the silo dead.
        o.NumMissedProbesLimit = 3;
        o.NumVotesForDeathDeclaration = 2;

        // Votes expire after 10 s instead of 2 min: suspicions from unrelated blips long ago do not add up.
        o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(10);

        // IAmAlive every 5 s instead of 30 s (stale after 3 x 5 s = 15 s instead of 90 s); one UPDATE per silo per 5 s.
        o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);

        // Read the membership table every 2 s instead of 60 s, the fallback when a gossip message is lost.
        o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
    }
}
