namespace AccountGrains.Runtime;

/// <summary>
/// This silo may not activate the grain: <see cref="IGrainOwnership.CanActivateAsync"/> said no (in a
/// cluster, another silo owns it). Nothing was run; the gateway forwards the call or maps it to
/// gRPC <c>UNAVAILABLE</c>.
/// </summary>
public sealed class GrainNotOwnedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GrainNotOwnedException()
        : base("This silo does not own the grain.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public GrainNotOwnedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public GrainNotOwnedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for one grain.</summary>
    public GrainNotOwnedException(GrainId grainId)
        : base($"This silo does not own grain {grainId}.")
    {
        GrainId = grainId;
    }

    /// <summary>Creates the exception for one grain that another silo owns.</summary>
    /// <param name="grainId">The grain.</param>
    /// <param name="ownerSiloId">The owning silo's id.</param>
    /// <param name="ownerAddress">The owning silo's advertised address, when it has one.</param>
    public GrainNotOwnedException(GrainId grainId, string ownerSiloId, string? ownerAddress)
        : base($"Silo '{ownerSiloId}' ({ownerAddress ?? "no address"}) owns grain {grainId}.")
    {
        GrainId = grainId;
        OwnerSiloId = ownerSiloId;
        OwnerAddress = ownerAddress;
    }

    /// <summary>The grain, when known.</summary>
    public GrainId? GrainId { get; }

    /// <summary>The id of the silo that owns the grain, when known (a cluster forwards the call there).</summary>
    public string? OwnerSiloId { get; }

    /// <summary>The owning silo's advertised address (for example <c>http://10.0.0.7:50051</c>), when known.</summary>
    public string? OwnerAddress { get; }
}
