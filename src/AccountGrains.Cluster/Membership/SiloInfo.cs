namespace AccountGrains.Cluster;

/// <summary>One silo as the membership table shows it, for the admin view. Ages are measured by the database's clock.</summary>
/// <param name="SiloId">The silo's configured id.</param>
/// <param name="Generation">Which process of that id: a restarted silo joins with a new, larger generation.</param>
/// <param name="Address">The address calls are forwarded to; empty when the silo advertises none.</param>
/// <param name="Status">Its recorded status.</param>
/// <param name="StartedAt">When it joined.</param>
/// <param name="HeartbeatAt">When its last renewal ran.</param>
/// <param name="Age">How long ago it joined.</param>
/// <param name="SinceHeartbeat">How long ago its last renewal ran.</param>
/// <param name="ActivationCount">Its activations as of its last heartbeat.</param>
/// <param name="IsLeaseExpired">Recorded as live, but its lease expired: dead in effect, whether or not a silo has marked it yet.</param>
public sealed record SiloInfo(
    string SiloId,
    long Generation,
    string Address,
    SiloStatus Status,
    DateTimeOffset StartedAt,
    DateTimeOffset HeartbeatAt,
    TimeSpan Age,
    TimeSpan SinceHeartbeat,
    int ActivationCount,
    bool IsLeaseExpired);
