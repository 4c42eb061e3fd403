namespace AccountGrains.Domain;

/// <summary>What a dual-control request asks for. Stored (as <c>UPPER_SNAKE</c>): never rename a member.</summary>
public enum DualControlAction
{
    /// <summary>An unlock (by id, reason or all) that lifts a high-profile account's lock or an identity lock.</summary>
    Unlock = 1,

    /// <summary>Revoking a high-profile account's verification badge.</summary>
    RevokeVerification = 2,
}

/// <summary>
/// A request waiting for a second person: <c>{request_id, action, requested_by, reason, expires_at}</c> and what the
/// action needs to run on approval.
/// </summary>
/// <param name="RequestId">Unique within the account: <c>request-{seq}</c>, the seq of the event that opened it.</param>
/// <param name="Action">What it asks for.</param>
/// <param name="RequestedBy">The requester as history writes actors (<c>key/agent</c>).</param>
/// <param name="Requester">The person who asked (the on-behalf-of agent, else the key's name): never the approver.</param>
/// <param name="RequestedAt">When it was opened.</param>
/// <param name="ExpiresAt">When it lapses.</param>
/// <param name="Reason">Why (the unlock's note, the revocation's reason).</param>
/// <param name="Scope">For an unlock: by id, reason or all, as asked.</param>
/// <param name="LockIds">For an unlock: the locks it would lift when asked; approval lifts those of them still in force, no others.</param>
/// <param name="LockReason">For an unlock by reason: the reason asked for.</param>
public sealed record PendingRequest(
    string RequestId,
    DualControlAction Action,
    string RequestedBy,
    string Requester,
    DateTimeOffset RequestedAt,
    DateTimeOffset ExpiresAt,
    string? Reason,
    UnlockScope? Scope = null,
    IReadOnlyList<string>? LockIds = null,
    LockReason? LockReason = null)
{
    /// <summary>Whether it can still be approved or rejected at <paramref name="now"/>.</summary>
    public bool IsOpenAt(DateTimeOffset now) => ExpiresAt > now;
}

/// <summary>Who a person is for the four-eyes rule: the agent a key acts for, else the key (or token subject) itself.</summary>
public static class DualControlPeople
{
    /// <summary>The person behind <paramref name="actor"/>.</summary>
    public static string PersonOf(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.OnBehalfOf ?? actor.Name;
    }
}
