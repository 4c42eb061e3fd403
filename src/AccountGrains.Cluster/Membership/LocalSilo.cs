namespace AccountGrains.Cluster.Membership;

/// <summary>This process as a cluster member: its generation once joined, its status, and its lease.</summary>
internal sealed class LocalSilo(ClusterOptions options, SiloLease lease)
{
    private long _generation;
    private int _status = (int)SiloStatus.Joining;

    public string SiloId => options.SiloId;

    public string Address => options.AdvertisedAddress;

    public SiloLease Lease => lease;

    /// <summary>0 until joined.</summary>
    public long Generation
    {
        get => Volatile.Read(ref _generation);
        set => Volatile.Write(ref _generation, value);
    }

    public SiloStatus Status
    {
        get => (SiloStatus)Volatile.Read(ref _status);
        set => Volatile.Write(ref _status, (int)value);
    }

    /// <summary>May activate grains: serving, and neither leaving nor gone.</summary>
    public bool CanActivate => lease.IsServing && Status is SiloStatus.Joining or SiloStatus.Active;
}
