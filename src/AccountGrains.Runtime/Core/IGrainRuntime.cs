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
}
