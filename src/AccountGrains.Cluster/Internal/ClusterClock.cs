namespace AccountGrains.Cluster.Internal;

/// <summary>
/// The clock the lease is measured by: the container's <see cref="TimeProvider"/> unless one is registered
/// for the cluster alone (tests move the grains' clock by hand while the lease runs in real time, or the reverse).
/// </summary>
internal sealed class ClusterClock(TimeProvider time)
{
    public TimeProvider Time => time;
}
