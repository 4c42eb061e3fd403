namespace AccountGrains.Domain;

/// <summary>Approve a pending request: the action happens now, by the approver. Never one's own request; never a vendor.</summary>
/// <param name="Actor">Who approves (agent or admin).</param>
/// <param name="RequestId">The request.</param>
/// <param name="Note">A note for history.</param>
public sealed record ApproveRequest(Actor Actor, string RequestId, string? Note = null) : AccountCommand(Actor)
{
    /// <inheritdoc/>
    public override Operation Operation => Operation.ApproveRequest;
}

/// <summary>Reject a pending request: the action does not happen. Never one's own request; never a vendor.</summary>
/// <param name="Actor">Who rejects (agent or admin).</param>
/// <param name="RequestId">The request.</param>
/// <param name="Reason">Why, for history.</param>
public sealed record RejectRequest(Actor Actor, string RequestId, string? Reason = null) : AccountCommand(Actor)
{
    /// <inheritdoc/>
    public override Operation Operation => Operation.RejectRequest;
}
