namespace AccountGrains.Grpc;

/// <summary>
/// A call ended with a non-OK status. Server handlers throw it to answer with that status (and trailers);
/// clients receive it with the status and trailers the server sent.
/// </summary>
public sealed class RpcException : Exception
{
    /// <summary>Creates the exception for a status.</summary>
    public RpcException(Status status)
        : this(status, Metadata.Empty)
    {
    }

    /// <summary>Creates the exception for a status with trailers.</summary>
    public RpcException(Status status, Metadata trailers)
        : base(status.ToString())
    {
        Status = status;
        Trailers = trailers;
    }

    /// <summary>Creates the exception for a status with trailers, keeping the cause for logs (never sent to the caller).</summary>
    public RpcException(Status status, Metadata trailers, Exception innerException)
        : base(status.ToString(), innerException)
    {
        Status = status;
        Trailers = trailers;
    }

    /// <summary>The status.</summary>
    public Status Status { get; }

    /// <summary>The status code.</summary>
    public StatusCode StatusCode => Status.StatusCode;

    /// <summary>Trailers sent with the status (server) or received with it (client).</summary>
    public Metadata Trailers { get; }
}
