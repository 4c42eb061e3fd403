using System.Diagnostics.Metrics;
using AccountGrains.Fencing.Fencing;
using AccountGrains.Storage;

namespace AccountGrains.Fencing.Diagnostics;

/// <summary>
/// The lease's and the membership's instruments on the product meter (<see cref="AccountGrainsMetrics.MeterName"/>):
/// renewals by outcome, whether the silo is fenced, and how many silos the membership counts by status.
/// </summary>
internal sealed class ClusterMetrics
{
    private readonly Counter<long> _renewals;

    public ClusterMetrics(IMeterFactory meters, SiloLease lease, IClusterMembershipService membership)
    {
        var meter = meters.Create(AccountGrainsMetrics.MeterName);
        _renewals = meter.CreateCounter<long>(
            "accountgrains.cluster.lease.renewals",
            unit: "{renewal}",
            description: "Lease renewals by outcome: renewed, failed (the database did not answer in the serving window), refused (the lease is gone: the silo exits).");
        meter.CreateObservableGauge(
            "accountgrains.cluster.fenced",
            () => lease.IsServing ? 0 : 1,
            unit: "{silo}",
            description: "1 while this silo is fenced (its lease is not fresh, or lost): it serves no grain call; 0 while it serves.");
        meter.CreateObservableGauge(
            "accountgrains.cluster.membership.size",
            () => Members(membership),
            unit: "{silo}",
            description: "Silos in this silo's view of the membership table, by status (active, joining, shutting_down, dead...).");
    }

    public void Renewed() => _renewals.Add(1, new KeyValuePair<string, object?>("outcome", "renewed"));

    public void RenewalFailed() => _renewals.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));

    public void RenewalRefused() => _renewals.Add(1, new KeyValuePair<string, object?>("outcome", "refused"));

    private static IEnumerable<Measurement<int>> Members(IClusterMembershipService membership)
    {
        var counts = new Dictionary<SiloStatus, int>();
        foreach (var member in membership.CurrentSnapshot.Members.Values)
        {
            counts[member.Status] = counts.GetValueOrDefault(member.Status) + 1;
        }

        // Active is always reported, so a dashboard's line drops to zero instead of vanishing.
        counts.TryAdd(SiloStatus.Active, 0);
        return counts.Select(c => new Measurement<int>(c.Value, new KeyValuePair<string, object?>("status", StatusName(c.Key))));
    }

    private static string StatusName(SiloStatus status) => status switch
    {
        SiloStatus.Active => "active",
        SiloStatus.Joining => "joining",
        SiloStatus.Created => "created",
        SiloStatus.ShuttingDown => "shutting_down",
        SiloStatus.Stopping => "stopping",
        SiloStatus.Dead => "dead",
        _ => "none",
    };
}
