namespace AccountGrains.Grpc;

/// <summary>The gRPC status codes (statuscodes.md); the numeric values are the wire values.</summary>
public enum StatusCode
{
    /// <summary>Not an error.</summary>
    OK = 0,

    /// <summary>The operation was cancelled, typically by the caller.</summary>
    Cancelled = 1,

    /// <summary>Unknown error, for example an exception the handler did not expect.</summary>
    Unknown = 2,

    /// <summary>The client gave an invalid argument, whatever the system's state.</summary>
    InvalidArgument = 3,

    /// <summary>The deadline expired before the operation could complete.</summary>
    DeadlineExceeded = 4,

    /// <summary>A requested entity was not found.</summary>
    NotFound = 5,

    /// <summary>The entity the client tried to create already exists.</summary>
    AlreadyExists = 6,

    /// <summary>The caller is not allowed to run the operation.</summary>
    PermissionDenied = 7,

    /// <summary>A resource (a quota, a message size) is exhausted.</summary>
    ResourceExhausted = 8,

    /// <summary>The system is not in a state the operation requires.</summary>
    FailedPrecondition = 9,

    /// <summary>The operation was aborted, typically by a concurrency conflict.</summary>
    Aborted = 10,

    /// <summary>The operation went past the valid range.</summary>
    OutOfRange = 11,

    /// <summary>The operation, method or service is not implemented or supported.</summary>
    Unimplemented = 12,

    /// <summary>An invariant the system relies on is broken: a bug.</summary>
    Internal = 13,

    /// <summary>The service is unavailable for now; a retry with backoff may succeed.</summary>
    Unavailable = 14,

    /// <summary>Unrecoverable data loss or corruption.</summary>
    DataLoss = 15,

    /// <summary>The request has no valid credentials.</summary>
    Unauthenticated = 16,
}
