using AccountGrains.Runtime;

namespace AccountGrains.Cluster;

/// <summary>What this silo knows of the cluster: itself, the silos in the membership table, and who owns a grain.</summary>
public interface IClusterMembership
{
    /// <summary>This silo's id.</summary>
    string SiloId { get; }

    /// <summary>This process's generation; 0 until it joined.</summary>
    long Generation { get; }

    /// <summary>This silo's status as it last recorded it.</summary>
    SiloStatus Status { get; }

    /// <summary>Whether this silo may serve grains now: joined, and its lease provably fresh (not fenced).</summary>
    bool IsServing { get; }

    /// <summary>Every silo in the membership table (live ones, and those that left or died recently), oldest first.</summary>
    /// <exception cref="AccountGrains.Storage.StoreUnavailableException">PostgreSQL cannot be reached.</exception>
    ValueTask<IReadOnlyList<SiloInfo>> ListSilosAsync(CancellationToken cancellationToken = default);

    /// <summary>The live silo holding the grain's directory row, or <see langword="null"/> when none does (any silo may claim it).</summary>
    /// <exception cref="AccountGrains.Storage.StoreUnavailableException">PostgreSQL cannot be reached.</exception>
    ValueTask<SiloInfo?> FindOwnerAsync(GrainId grainId, CancellationToken cancellationToken = default);
}
