namespace AccountGrains.Runtime;

/// <summary>Gives references to grains. Registered as a singleton by <c>AddGrainRuntime</c>.</summary>
public interface IGrainFactory
{
    /// <summary>Returns a reference to the grain of class <typeparamref name="TGrain"/> with this key; activates nothing.</summary>
    /// <exception cref="ArgumentException"><typeparamref name="TGrain"/> was not registered with <c>AddGrain</c>, or the key is empty.</exception>
    GrainReference<TGrain> GetGrain<TGrain>(string key)
        where TGrain : Grain;
}

/// <summary>The grain runtime of this silo: references, plus what an admin view needs to know.</summary>
public interface IGrainRuntime : IGrainFactory
{
    /// <summary>Activations in this silo now, whatever their state (activating, live or deactivating).</summary>
    int ActivationCount { get; }

    /// <summary><see langword="true"/> once shutdown began: new calls fail with <see cref="SiloUnavailableException"/>.</summary>
    bool IsStopping { get; }

    /// <summary>Activations in this silo now, by grain type name; every registered type is listed, with 0 when none.</summary>
    IReadOnlyDictionary<string, int> GetActivationCountsByType();

    /// <summary>The keys of this silo's live activations (activated, not deactivating) of one grain type; a snapshot, for admin views.</summary>
    IReadOnlyList<string> GetActiveKeys(string grainType);

    /// <summary>
    /// Deactivates every activation of this silo, each after the calls it already accepted, and completes
    /// once all are gone (including any created meanwhile). A cluster uses it with
    /// <see cref="DeactivationReason.OwnershipLost"/> when the silo fences itself.
    /// </summary>
    /// <param name="reason">Passed to each <see cref="Grain.OnDeactivateAsync"/>.</param>
    /// <param name="cancellationToken">Stops the wait (the deactivations already begun go on).</param>
    Task DeactivateAllAsync(DeactivationReason reason, CancellationToken cancellationToken);
}
