using AccountGrains.Cluster.Membership;
using AccountGrains.Runtime;

namespace AccountGrains.Cluster.Directory;

/// <summary>
/// Plugs the cluster into the runtime: an activation first claims the grain's directory row; a warm call
/// only reads the lease (no I/O); the row is released in the activation's last turn.
/// </summary>
internal sealed class ClusterOwnership(LocalSilo local, GrainDirectory directory) : IGrainOwnership
{
    public bool IsServing => local.Lease.IsServing;

    /// <summary>Fires reminders only while active; a grain nobody holds is claimed on firing, and only one claim wins.</summary>
    public bool IsReminderLocal(GrainId grainId) => local.Status == SiloStatus.Active && local.Lease.IsServing;

    public async ValueTask<bool> CanActivateAsync(GrainId grainId, CancellationToken cancellationToken)
    {
        if (!local.CanActivate)
        {
            throw new SiloUnavailableException($"Silo '{local.SiloId}' activates no grain now ({local.Status}{(local.Lease.IsServing ? "" : ", fenced")}).");
        }

        var claim = await directory.ClaimAsync(grainId.ToString(), local.Generation, cancellationToken);
        switch (claim.Outcome)
        {
            case ClaimOutcome.Claimed when local.Lease.IsServing:
                return true;
            case ClaimOutcome.Claimed:
                // The lease lapsed while claiming: this activation would be swept anyway; the row stays ours, harmlessly.
                throw new SiloUnavailableException($"Silo '{local.SiloId}' lost its lease while activating {grainId}.");
            case ClaimOutcome.OwnedElsewhere:
                throw new GrainNotOwnedException(grainId, claim.OwnerSiloId!, string.IsNullOrEmpty(claim.OwnerAddress) ? null : claim.OwnerAddress);
            default:
                throw new SiloUnavailableException($"Silo '{local.SiloId}' is no longer live at the database; it cannot claim {grainId}.");
        }
    }

    public async ValueTask OnDeactivatedAsync(GrainId grainId, DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Shutting down: the leave releases every row at once. Ownership lost: the row may be someone else's by now,
        // and the release only ever deletes our own, but the database is likely unreachable, so do not wait on it.
        if (reason is DeactivationReason.ShuttingDown or DeactivationReason.OwnershipLost)
        {
            return;
        }

        await directory.ReleaseAsync(grainId.ToString(), local.Generation, cancellationToken);
    }
}
