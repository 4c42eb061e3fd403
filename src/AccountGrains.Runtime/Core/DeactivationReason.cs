namespace AccountGrains.Runtime;

/// <summary>Why an activation is being deactivated; passed to <see cref="Grain.OnDeactivateAsync"/>.</summary>
public enum DeactivationReason
{
    /// <summary>The activation was idle longer than <see cref="GrainRuntimeOptions.CollectionAge"/>.</summary>
    IdleCollection,

    /// <summary>The silo held more than <see cref="GrainRuntimeOptions.MaxActivations"/>; this one was among the least recently used.</summary>
    CapacityExceeded,

    /// <summary>The silo is shutting down.</summary>
    ShuttingDown,

    /// <summary>The grain asked for it with <see cref="Grain.DeactivateOnIdle"/>.</summary>
    ApplicationRequested,

    /// <summary>
    /// The silo lost the right to serve grains (in a cluster: it could not renew its membership lease, so
    /// another silo may already own the grain). Write nothing: the state may belong to someone else now.
    /// </summary>
    OwnershipLost,
}
