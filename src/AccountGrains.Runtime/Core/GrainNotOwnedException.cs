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

    /// <summary>The grain, when known.</summary>
    public GrainId? GrainId { get; }
}
