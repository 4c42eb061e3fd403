namespace AccountGrains.Abstractions;

/// <summary>The kinds of refusal; the gateway maps each onto the gRPC status of the same name.</summary>
[GenerateSerializer]
public enum RefusalCode
{
    /// <summary>The request is malformed (bad account id, missing field, text too long…).</summary>
    InvalidArgument = 1,

    /// <summary>The named lock or recovery attempt does not exist (or is no longer open).</summary>
    NotFound = 2,

    /// <summary>The account is not in a state that allows it.</summary>
    FailedPrecondition = 3,

    /// <summary>A limit is reached (recovery attempts per window).</summary>
    ResourceExhausted = 4,

    /// <summary>The caller may not do this (by role, or a vendor on a high-profile account).</summary>
    PermissionDenied = 5,
}

/// <summary>The account refused the call; nothing was written. The message is safe to show the caller.</summary>
[GenerateSerializer]
public sealed class AccountRefusedException : Exception
{
    /// <summary>A refusal.</summary>
    public AccountRefusedException(RefusalCode code, string message)
        : base(message) => Code = code;

    /// <summary>The kind of refusal.</summary>
    [Id(0)]
    public RefusalCode Code { get; }
}

/// <summary>
/// The call could not be served now: the event store is unreachable, or the silo is fenced (its lease in
/// PostgreSQL is not fresh) or shutting down. A retry is safe for reads, and for writes with an idempotency key.
/// </summary>
[GenerateSerializer]
public sealed class AccountUnavailableException : Exception
{
    /// <summary>An unavailable account.</summary>
    public AccountUnavailableException(string message)
        : base(message)
    {
    }
}

/// <summary>The account changed under the write twice in a row; nothing was written, a retry is safe.</summary>
[GenerateSerializer]
public sealed class AccountConflictException : Exception
{
    /// <summary>A conflict.</summary>
    public AccountConflictException(string message)
        : base(message)
    {
    }
}
