namespace AccountGrains.Runtime;

/// <summary>
/// Deactivates activations idle longer than <see cref="GrainRuntimeOptions.CollectionAge"/> (checked every
/// <see cref="GrainRuntimeOptions.CollectionQuantum"/>) and, above <see cref="GrainRuntimeOptions.MaxActivations"/>,
/// the least recently used idle ones. Both only queue deactivation turns; nothing here blocks a call.
/// </summary>
internal sealed class ActivationCollector(GrainRuntime runtime) : IDisposable
{
    private ITimer? _timer;
    private int _capacityCheckQueued;

    public void Start() =>
        _timer = runtime.Time.CreateTimer(static s => ((ActivationCollector)s!).OnQuantum(), this, runtime.Options.CollectionQuantum, runtime.Options.CollectionQuantum);

    public void Dispose() => _timer?.Dispose();

    /// <summary>Asks for a capacity check on the ThreadPool; requests made while one is queued or running share it.</summary>
    public void RequestCapacityCheck()
    {
        if (Interlocked.Exchange(ref _capacityCheckQueued, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(
                static c =>
                {
                    Volatile.Write(ref c._capacityCheckQueued, 0);
                    c.EnforceCapacity();
                },
                this,
                preferLocal: false);
        }
    }

    /// <summary>Starts deactivating every activation idle for at least the collection age; returns how many.</summary>
    public int CollectIdle()
    {
        var now = runtime.Time.GetTimestamp();
        var cutoff = now - (long)(runtime.Options.CollectionAge.TotalSeconds * runtime.Time.TimestampFrequency);
        var started = 0;
        foreach (var activation in runtime.Activations)
        {
            if (activation.LastUsed <= cutoff && activation.BeginDeactivate(DeactivationReason.IdleCollection, cutoff) is not null)
            {
                started++;
            }
        }

        if (started > 0)
        {
            RuntimeLog.IdleCollected(runtime.Logger, started);
        }

        return started;
    }

    /// <summary>
    /// Above the cap, starts deactivating the least recently used idle activations until about 1% below
    /// it (the margin keeps a silo at its cap from sorting the directory on every new activation).
    /// </summary>
    public int EnforceCapacity()
    {
        var max = runtime.Options.MaxActivations;
        if (runtime.ActivationCount <= max)
        {
            return 0;
        }

        var live = 0;
        var idle = new List<(long LastUsed, Activation Activation)>();
        foreach (var activation in runtime.Activations)
        {
            var state = activation.State;
            if (state is ActivationState.Activating or ActivationState.Valid)
            {
                live++;
                if (state == ActivationState.Valid)
                {
                    idle.Add((activation.LastUsed, activation));
                }
            }
        }

        var excess = live - max;
        if (excess <= 0)
        {
            return 0;
        }

        excess += max / 100;
        idle.Sort(static (a, b) => a.LastUsed.CompareTo(b.LastUsed));
        var started = 0;
        for (var i = 0; i < idle.Count && started < excess; i++)
        {
            if (idle[i].Activation.BeginDeactivate(DeactivationReason.CapacityExceeded, idle[i].LastUsed) is not null)
            {
                started++;
            }
        }

        RuntimeLog.CapacityCollected(runtime.Logger, started, live, max);
        return started;
    }

    private void OnQuantum()
    {
        try
        {
            CollectIdle();
            EnforceCapacity();
        }
        catch (Exception ex)
        {
            RuntimeLog.CollectionFailed(runtime.Logger, ex);
        }
    }
}
