namespace AccountGrains.Fencing;

/// <summary>Whether this silo may serve grain calls now: its PostgreSQL lease is fresh by its own monotonic clock.</summary>
/// <remarks>Registered by <c>UseAccountGrainsCluster</c>; reading it costs one volatile read and one clock read.</remarks>
public interface ISiloFencing
{
    /// <summary>
    /// <see langword="true"/> while the last successful lease renewal was sent less than
    /// <see cref="ClusterFencingOptions.LeaseDuration"/> − <see cref="ClusterFencingOptions.SafetyMargin"/> ago;
    /// <see langword="false"/> before the first renewal, after a lapse, and for good once the lease is lost or released.
    /// </summary>
    bool IsServing { get; }
}
