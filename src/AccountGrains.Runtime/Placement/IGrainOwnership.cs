namespace AccountGrains.Runtime;

/// <summary>
/// Which grains this silo may serve: the seam where a cluster plugs in its membership and ownership
/// (directory rows or hash ranges). One silo owns everything; that is the default.
/// </summary>
public interface IGrainOwnership
{
    /// <summary>
    /// Asked before every activation, as part of its first turn. <see langword="false"/> fails the
    /// activation with <see cref="GrainNotOwnedException"/>; an exception fails it with that exception.
    /// </summary>
    ValueTask<bool> CanActivateAsync(GrainId grainId, CancellationToken cancellationToken);

    /// <summary>Whether this silo fires the grain's reminders; asked when polling and again before each firing.</summary>
    bool IsReminderLocal(GrainId grainId);

    /// <summary>
    /// Whether this silo may serve grains at all right now; read at the start of every turn, so keep it
    /// cheap (no I/O). <see langword="false"/> (a cluster silo that cannot prove its membership lease is
    /// fresh: fenced) fails every call, warm or cold, with <see cref="SiloUnavailableException"/>.
    /// The default is always <see langword="true"/>.
    /// </summary>
    bool IsServing => true;

    /// <summary>
    /// Told after an activation's last turn (<see cref="Grain.OnDeactivateAsync"/>), before it leaves this
    /// silo, so a cluster can release the grain's ownership while no other turn of it can start here.
    /// Exceptions are logged, not rethrown. The default does nothing.
    /// </summary>
    /// <param name="grainId">The grain whose activation ends.</param>
    /// <param name="reason">Why it ends.</param>
    /// <param name="cancellationToken">Cancelled only when the silo's shutdown timeout expires.</param>
    ValueTask OnDeactivatedAsync(GrainId grainId, DeactivationReason reason, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

/// <summary>One silo: it owns every grain and every reminder.</summary>
internal sealed class SingleSiloOwnership : IGrainOwnership
{
    public ValueTask<bool> CanActivateAsync(GrainId grainId, CancellationToken cancellationToken) => ValueTask.FromResult(true);

    public bool IsReminderLocal(GrainId grainId) => true;
}
