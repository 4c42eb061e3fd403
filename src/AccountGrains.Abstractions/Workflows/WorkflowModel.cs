namespace AccountGrains.Abstractions;

/// <summary>A dual-control request waiting for a second person.</summary>
/// <param name="RequestId">Its id (<c>request-{seq}</c>).</param>
/// <param name="Action">What it asks for.</param>
/// <param name="RequestedBy">Who asked, as history writes actors.</param>
/// <param name="RequestedAt">When.</param>
/// <param name="ExpiresAt">When it lapses.</param>
/// <param name="Reason">Why (the unlock's note, the revocation's reason).</param>
/// <param name="LockIds">For an unlock: the locks it would lift (approval lifts those still in force).</param>
[GenerateSerializer, Immutable]
public sealed record DualControlRequest(
    [property: Id(0)] string RequestId,
    [property: Id(1)] DualControlAction Action,
    [property: Id(2)] string RequestedBy,
    [property: Id(3)] DateTimeOffset RequestedAt,
    [property: Id(4)] DateTimeOffset ExpiresAt,
    [property: Id(5)] string? Reason,
    [property: Id(6)] IReadOnlyList<string> LockIds);

/// <summary>An appeal waiting for a decision.</summary>
/// <param name="AppealId">Its id (<c>appeal-{seq}</c>).</param>
/// <param name="LockId">The contested lock.</param>
/// <param name="FiledBy">The platform service that filed it.</param>
/// <param name="FiledAt">When.</param>
/// <param name="Statement">The owner's statement.</param>
[GenerateSerializer, Immutable]
public sealed record Appeal(
    [property: Id(0)] string AppealId,
    [property: Id(1)] string LockId,
    [property: Id(2)] string FiledBy,
    [property: Id(3)] DateTimeOffset FiledAt,
    [property: Id(4)] string Statement);

/// <summary>A recent automatic lock (in force or ended) and its feedback label.</summary>
/// <param name="LockId">The lock.</param>
/// <param name="Rule">The rule that placed it (its reason: BRUTE_FORCE).</param>
/// <param name="PlacedAt">When.</param>
/// <param name="Label">Its label, once given.</param>
[GenerateSerializer, Immutable]
public sealed record AutomaticLockInfo(
    [property: Id(0)] string LockId,
    [property: Id(1)] LockReason Rule,
    [property: Id(2)] DateTimeOffset PlacedAt,
    [property: Id(3)] FeedbackLabel? Label);

/// <summary>Approve or reject a request.</summary>
/// <param name="RequestId">The request.</param>
/// <param name="Note">A note (approval) or reason (rejection) for history.</param>
/// <param name="IdempotencyKey">Makes a retry safe.</param>
[GenerateSerializer, Immutable]
public sealed record AnswerRequest(
    [property: Id(0)] string RequestId,
    [property: Id(1)] string? Note = null,
    [property: Id(2)] string? IdempotencyKey = null);

/// <summary>File an appeal.</summary>
/// <param name="LockId">The contested lock (in force).</param>
/// <param name="Statement">The owner's statement.</param>
/// <param name="IdempotencyKey">Makes a retry safe.</param>
[GenerateSerializer, Immutable]
public sealed record FileAppealRequest(
    [property: Id(0)] string LockId,
    [property: Id(1)] string Statement,
    [property: Id(2)] string? IdempotencyKey = null);

/// <summary>Decide an appeal.</summary>
/// <param name="AppealId">The appeal.</param>
/// <param name="Decision">Upheld or overturned.</param>
/// <param name="Reason">Why.</param>
/// <param name="IdempotencyKey">Makes a retry safe.</param>
[GenerateSerializer, Immutable]
public sealed record DecideAppealRequest(
    [property: Id(0)] string AppealId,
    [property: Id(1)] AppealDecision Decision,
    [property: Id(2)] string Reason,
    [property: Id(3)] string? IdempotencyKey = null);

/// <summary>Label an automatic lock.</summary>
/// <param name="LockId">The lock.</param>
/// <param name="Label">Confirmed compromise or false positive.</param>
/// <param name="Note">A note for history.</param>
/// <param name="IdempotencyKey">Makes a retry safe.</param>
[GenerateSerializer, Immutable]
public sealed record LabelLockRequest(
    [property: Id(0)] string LockId,
    [property: Id(1)] FeedbackLabel Label,
    [property: Id(2)] string? Note = null,
    [property: Id(3)] string? IdempotencyKey = null);

/// <summary>A request was approved (its action done) or rejected.</summary>
/// <param name="Version">The version after.</param>
/// <param name="RequestId">The request.</param>
/// <param name="Approved">Approved or rejected.</param>
/// <param name="LiftedLockIds">For an approved unlock: the locks lifted.</param>
/// <param name="BadgeRevoked">For an approved revocation: whether the badge was revoked.</param>
/// <param name="Replayed">A remembered result; nothing was written now.</param>
/// <param name="Account">The account as this call left it.</param>
[GenerateSerializer, Immutable]
public sealed record RequestAnswerResult(
    [property: Id(0)] long Version,
    [property: Id(1)] string RequestId,
    [property: Id(2)] bool Approved,
    [property: Id(3)] IReadOnlyList<string> LiftedLockIds,
    [property: Id(4)] bool BadgeRevoked,
    [property: Id(5)] bool Replayed,
    [property: Id(6)] AccountPosture Account);

/// <summary>An appeal was filed.</summary>
/// <param name="Version">The version after.</param>
/// <param name="Appeal">The open appeal.</param>
/// <param name="Replayed">A remembered result; nothing was written now.</param>
/// <param name="Account">The account as this call left it.</param>
[GenerateSerializer, Immutable]
public sealed record AppealResult(
    [property: Id(0)] long Version,
    [property: Id(1)] Appeal Appeal,
    [property: Id(2)] bool Replayed,
    [property: Id(3)] AccountPosture Account);

/// <summary>An appeal was decided.</summary>
/// <param name="Version">The version after.</param>
/// <param name="AppealId">The appeal.</param>
/// <param name="Decision">Upheld or overturned.</param>
/// <param name="LiftedLockIds">The lock an overturn lifted.</param>
/// <param name="Replayed">A remembered result; nothing was written now.</param>
/// <param name="Account">The account as this call left it.</param>
[GenerateSerializer, Immutable]
public sealed record AppealDecisionResult(
    [property: Id(0)] long Version,
    [property: Id(1)] string AppealId,
    [property: Id(2)] AppealDecision Decision,
    [property: Id(3)] IReadOnlyList<string> LiftedLockIds,
    [property: Id(4)] bool Replayed,
    [property: Id(5)] AccountPosture Account);

/// <summary>An automatic lock was labelled.</summary>
/// <param name="Version">The version after.</param>
/// <param name="LockId">The lock.</param>
/// <param name="Rule">The rule that placed it.</param>
/// <param name="Label">The label.</param>
/// <param name="Replayed">A remembered result; nothing was written now.</param>
/// <param name="Account">The account as this call left it.</param>
[GenerateSerializer, Immutable]
public sealed record LabelResult(
    [property: Id(0)] long Version,
    [property: Id(1)] string LockId,
    [property: Id(2)] LockReason Rule,
    [property: Id(3)] FeedbackLabel Label,
    [property: Id(4)] bool Replayed,
    [property: Id(5)] AccountPosture Account);

/// <summary>Record a verdict on one sampled action of the account.</summary>
/// <param name="ActionSeq">The audited event's seq in the account's history.</param>
/// <param name="Verdict">Correct or incorrect.</param>
/// <param name="GuidelineRef">The guideline referred to (required).</param>
/// <param name="Note">A note for history.</param>
/// <param name="IdempotencyKey">Makes a retry safe.</param>
[GenerateSerializer, Immutable]
public sealed record AuditVerdictRequest(
    [property: Id(0)] long ActionSeq,
    [property: Id(1)] AuditVerdict Verdict,
    [property: Id(2)] string GuidelineRef,
    [property: Id(3)] string? Note = null,
    [property: Id(4)] string? IdempotencyKey = null);

/// <summary>A verdict was recorded.</summary>
/// <param name="Version">The version after.</param>
/// <param name="ActionSeq">The audited event's seq.</param>
/// <param name="ActionType">Its type name.</param>
/// <param name="ActionActor">Its actor as history wrote it.</param>
/// <param name="Verdict">The verdict.</param>
/// <param name="Replayed">A remembered result; nothing was written now.</param>
/// <param name="Account">The account as this call left it.</param>
[GenerateSerializer, Immutable]
public sealed record AuditVerdictResult(
    [property: Id(0)] long Version,
    [property: Id(1)] long ActionSeq,
    [property: Id(2)] string ActionType,
    [property: Id(3)] string ActionActor,
    [property: Id(4)] AuditVerdict Verdict,
    [property: Id(5)] bool Replayed,
    [property: Id(6)] AccountPosture Account);
