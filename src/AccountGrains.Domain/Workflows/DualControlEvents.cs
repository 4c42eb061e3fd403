namespace AccountGrains.Domain;

/// <summary>
/// An action under dual control was asked for and waits for a second person (<c>DualControlRequested</c>); nothing
/// else changed.
/// </summary>
/// <param name="RequestId">The request's id (<c>request-{seq}</c>).</param>
/// <param name="Action">What it asks for.</param>
/// <param name="Requester">The person who asked (see <see cref="DualControlPeople.PersonOf"/>).</param>
/// <param name="ExpiresAt">When it lapses.</param>
/// <param name="Scope">For an unlock: by id, reason or all.</param>
/// <param name="LockIds">For an unlock: the locks it would lift now; approval lifts those still in force.</param>
/// <param name="LockReason">For an unlock by reason.</param>
/// <param name="RequestReason">The unlock's note or the revocation's reason, applied on approval.</param>
public sealed record DualControlRequested(
    string RequestId,
    DualControlAction Action,
    string Requester,
    DateTimeOffset ExpiresAt,
    UnlockScope? Scope = null,
    IReadOnlyList<string>? LockIds = null,
    LockReason? LockReason = null,
    string? RequestReason = null) : AccountEvent;

/// <summary>
/// A second person approved a request (<c>DualControlApproved</c>); the action's own events (<c>LockLifted</c>,
/// <c>VerificationRevoked</c>) follow in the same commit, by the approver.
/// </summary>
/// <param name="RequestId">The request.</param>
/// <param name="Action">What it asked for.</param>
/// <param name="Requester">Who had asked.</param>
public sealed record DualControlApproved(string RequestId, DualControlAction Action, string Requester) : AccountEvent;

/// <summary>A second person rejected a request (<c>DualControlRejected</c>); the action does not happen.</summary>
/// <param name="RequestId">The request.</param>
/// <param name="Action">What it asked for.</param>
public sealed record DualControlRejected(string RequestId, DualControlAction Action) : AccountEvent;

/// <summary>A request reached its expiry unanswered (<c>DualControlLapsed</c>), written by the durable timer.</summary>
/// <param name="RequestId">The request.</param>
/// <param name="Action">What it asked for.</param>
public sealed record DualControlLapsed(string RequestId, DualControlAction Action) : AccountEvent;
