namespace AccountGrains.Domain;

/// <summary>A reviewer's verdict on one sampled action.</summary>
public enum AuditVerdict
{
    /// <summary>The action followed the guidelines.</summary>
    Correct = 1,

    /// <summary>The action did not; the guideline reference says which rule it broke.</summary>
    Incorrect = 2,
}

/// <summary>One action as history recorded it, as the review rules need it.</summary>
/// <param name="EventId">Its event id (<see cref="AuditSampling.EventId"/>).</param>
/// <param name="EventType">The event it wrote.</param>
/// <param name="Actor">Its actor as history writes it: <c>name</c> or <c>name/agent</c>.</param>
/// <param name="Role">The role it acted in.</param>
public sealed record AuditedAction(string EventId, string EventType, string Actor, ActorRole Role);

/// <summary>The rules a verdict must pass before it is recorded.</summary>
public static class AuditRules
{
    /// <summary>The longest guideline reference and note accepted.</summary>
    public const int MaxGuidelineLength = 200;

    /// <summary>The longest note accepted.</summary>
    public const int MaxNoteLength = 2000;

    /// <summary>
    /// Why <paramref name="reviewer"/> may not record <paramref name="verdict"/> on <paramref name="action"/>, or
    /// <see langword="null"/> when it may: only an auditor or an admin reviews; only a sampled action is reviewed, once;
    /// nobody reviews their own action (the same person: the agent a key acts for, else the key itself).
    /// </summary>
    public static DomainError? CheckVerdict(
        AuditOptions options,
        Actor reviewer,
        AuditedAction action,
        AuditVerdict verdict,
        string? guidelineRef,
        string? note,
        bool alreadyReviewed)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(reviewer);
        ArgumentNullException.ThrowIfNull(action);
        if (reviewer.Role is not (ActorRole.Auditor or ActorRole.Admin))
        {
            return new DomainError(DomainErrorCode.PermissionDenied, $"The role {reviewer.Role} may not record an audit verdict.");
        }

        if (!Enum.IsDefined(verdict))
        {
            return new DomainError(DomainErrorCode.InvalidArgument, "The verdict is CORRECT or INCORRECT.");
        }

        if (string.IsNullOrWhiteSpace(guidelineRef) || guidelineRef.Length > MaxGuidelineLength || (note?.Length ?? 0) > MaxNoteLength)
        {
            return new DomainError(DomainErrorCode.InvalidArgument, $"A verdict names a guideline (1-{MaxGuidelineLength} characters); a note is at most {MaxNoteLength}.");
        }

        if (!AuditSampling.IsSampled(options, action.Role, action.EventType, action.EventId))
        {
            return new DomainError(DomainErrorCode.FailedPrecondition, $"The action {action.EventId} was not sampled for review.");
        }

        if (IsSamePerson(reviewer, action.Actor))
        {
            return new DomainError(DomainErrorCode.PermissionDenied, "Nobody reviews their own action.");
        }

        return alreadyReviewed
            ? new DomainError(DomainErrorCode.FailedPrecondition, $"The action {action.EventId} already has a verdict.")
            : null;
    }

    /// <summary>Whether <paramref name="reviewer"/> is the person history names as <paramref name="recordedActor"/>.</summary>
    public static bool IsSamePerson(Actor reviewer, string recordedActor)
    {
        ArgumentNullException.ThrowIfNull(reviewer);
        ArgumentNullException.ThrowIfNull(recordedActor);
        var slash = recordedActor.IndexOf('/', StringComparison.Ordinal);
        var person = slash >= 0 ? recordedActor[(slash + 1)..] : recordedActor;
        var key = slash >= 0 ? recordedActor[..slash] : recordedActor;
        // The same agent under any key, or the same key acting for nobody in particular.
        return string.Equals(reviewer.OnBehalfOf ?? reviewer.Name, person, StringComparison.Ordinal)
            || (reviewer.OnBehalfOf is null && string.Equals(reviewer.Name, key, StringComparison.Ordinal));
    }
}
