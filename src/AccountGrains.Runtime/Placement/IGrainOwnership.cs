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
}

/// <summary>One silo: it owns every grain and every reminder.</summary>
internal sealed class SingleSiloOwnership : IGrainOwnership
{
    public ValueTask<bool> CanActivateAsync(GrainId grainId, CancellationToken cancellationToken) => ValueTask.FromResult(true);

    public bool IsReminderLocal(GrainId grainId) => true;
}
