namespace AccountGrains.Domain;

/// <summary>The kinds of refusal; the gateway maps each onto the gRPC status of the same name.</summary>
public enum DomainErrorCode
{
    /// <summary>The command is malformed (missing id, unknown enum value, text too long…).</summary>
    InvalidArgument = 1,

    /// <summary>The named lock or recovery attempt does not exist (or is no longer open).</summary>
    NotFound = 2,

    /// <summary>The account is not in a state that allows it (expired code, SMS refused after a SIM swap…).</summary>
    FailedPrecondition = 3,

    /// <summary>A limit is reached (recovery attempts per window).</summary>
    ResourceExhausted = 4,

    /// <summary>The actor may not do this (by role, or a vendor on a high-profile account).</summary>
    PermissionDenied = 5,
}

/// <summary>Why a command was refused. A refusal writes nothing.</summary>
/// <param name="Code">The kind.</param>
/// <param name="Message">A message safe to return to the caller (never a code or a hash).</param>
public sealed record DomainError(DomainErrorCode Code, string Message);

/// <summary>
/// What <see cref="AccountDecider.Decide"/> decided: either events to append and the outcome to return
/// once they are committed, or an error. Success with no events (a no-op or an idempotent repeat) is possible.
/// </summary>
public sealed class Decision
{
    private Decision(IReadOnlyList<AccountEvent> events, CommandOutcome? outcome, DomainError? error)
    {
        Events = events;
        Outcome = outcome;
        Error = error;
    }

    /// <summary>The events to append, in order, at seqs <c>state.Version + 1</c> onwards; empty on error.</summary>
    public IReadOnlyList<AccountEvent> Events { get; }

    /// <summary>The outcome when the command succeeded.</summary>
    public CommandOutcome? Outcome { get; }

    /// <summary>The refusal, when it did not.</summary>
    public DomainError? Error { get; }

    /// <summary>Whether the command succeeded.</summary>
    public bool IsSuccess => Error is null;

    /// <summary>A success.</summary>
    public static Decision Success(IReadOnlyList<AccountEvent> events, CommandOutcome outcome) => new(events, outcome, null);

    /// <summary>A refusal.</summary>
    public static Decision Fail(DomainErrorCode code, string message) => new([], null, new DomainError(code, message));
}
