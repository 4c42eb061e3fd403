using AccountGrains.Runtime;

namespace AccountGrains.Cluster.Membership;

/// <summary>The admin's and the forwarding layer's view of the cluster.</summary>
internal sealed class ClusterMembership(LocalSilo local, MembershipTable table) : IClusterMembership
{
    public string SiloId => local.SiloId;

    public long Generation => local.Generation;

    public SiloStatus Status => local.Status;

    public bool IsServing => local.Lease.IsServing;

    public ValueTask<IReadOnlyList<SiloInfo>> ListSilosAsync(CancellationToken cancellationToken = default) => table.ListAsync(cancellationToken);

    public ValueTask<SiloInfo?> FindOwnerAsync(GrainId grainId, CancellationToken cancellationToken = default) => table.FindOwnerAsync(grainId.ToString(), cancellationToken);
}
