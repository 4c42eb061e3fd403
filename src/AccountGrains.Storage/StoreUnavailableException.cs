namespace AccountGrains.Storage;

/// <summary>
/// The store could not be reached or did not answer in time. Nothing is known to have been written
/// unless the caller's idempotency key says so; the gateway maps this to gRPC <c>UNAVAILABLE</c>.
/// </summary>
public sealed class StoreUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StoreUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the provider's error.</summary>
    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
