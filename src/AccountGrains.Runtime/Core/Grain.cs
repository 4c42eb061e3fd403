namespace AccountGrains.Runtime;

/// <summary>
/// The base of every grain: a virtual actor the runtime activates on its first call and runs one turn
/// at a time, so grain code needs no locks.
/// </summary>
/// <remarks>
/// The first turn of an activation is <see cref="OnActivateAsync"/>; if it throws, the call that caused
/// the activation (and every call queued behind it) fails with that exception and the activation is
/// discarded, so the next call tries again. The last turn is <see cref="OnDeactivateAsync"/>.
/// </remarks>
public abstract class Grain
{
    private Activation? _activation;

    /// <summary>This grain's id.</summary>
    /// <exception cref="InvalidOperationException">The grain was not created by the runtime (or is read from its constructor).</exception>
    public GrainId GrainId => _activation?.Id ?? throw new InvalidOperationException("The grain is not attached to an activation yet.");

    /// <summary>The first turn of an activation: load state here. The default does nothing.</summary>
    /// <param name="cancellationToken">Cancelled only when the silo's shutdown timeout expires.</param>
    public virtual ValueTask OnActivateAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>The last turn of an activation, after every turn queued before it. The default does nothing; exceptions are logged, not rethrown.</summary>
    /// <param name="reason">Why the activation ends.</param>
    /// <param name="cancellationToken">Cancelled only when the silo's shutdown timeout expires.</param>
    public virtual ValueTask OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>
    /// Deactivates this activation after the calls already queued (for example after a stale-write
    /// conflict, so the next call reloads). Calls arriving later go to a fresh activation.
    /// </summary>
    protected void DeactivateOnIdle() => _activation?.BeginDeactivate(DeactivationReason.ApplicationRequested, idleSince: null);

    internal void Attach(Activation activation) => _activation = activation;
}
