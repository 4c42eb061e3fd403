namespace AccountGrains.Runtime;

/// <summary>
/// The silo is shutting down and refuses new calls. Nothing was run; the caller may retry on another
/// silo. The gateway maps it to gRPC <c>UNAVAILABLE</c>.
/// </summary>
public sealed class SiloUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SiloUnavailableException()
        : base("The silo is shutting down and accepts no new calls.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SiloUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public SiloUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
