using AccountGrains.Contracts.V1;

namespace AccountGrains.Client;

/// <summary>
/// The integrity workflows: answering dual-control requests, appeals, and feedback labels on automatic locks. Each is
/// retried on UNAVAILABLE only when the request carries an idempotency key. An <see cref="UnlockAsync(UnlockRequest, DateTimeOffset?, CancellationToken)"/>
/// or <see cref="RevokeVerificationAsync(RevokeVerificationRequest, DateTimeOffset?, CancellationToken)"/> under dual
/// control returns its <see cref="PendingRequest"/> (<c>PendingRequest</c> on the reply) instead of acting.
/// </summary>
public sealed partial class AccountIntegrityClient
{
    /// <summary>Approves a pending request (agent or admin; never one's own: PERMISSION_DENIED); its action happens now.</summary>
    /// <inheritdoc cref="VerifyAsync(VerifyRequest, DateTimeOffset?, CancellationToken)" path="/param" />
    public Task<RequestAnswerReply> ApproveRequestAsync(ApproveRequestRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        Via(request).ApproveRequestAsync(request, Options(deadline, cancellationToken)).ResponseAsync;

    /// <summary>Rejects a pending request (agent or admin; never one's own); its action does not happen.</summary>
    /// <inheritdoc cref="VerifyAsync(VerifyRequest, DateTimeOffset?, CancellationToken)" path="/param" />
    public Task<RequestAnswerReply> RejectRequestAsync(RejectRequestRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        Via(request).RejectRequestAsync(request, Options(deadline, cancellationToken)).ResponseAsync;

    /// <summary>Files the owner's appeal against one lock in force (a platform service; one open appeal per lock).</summary>
    /// <inheritdoc cref="VerifyAsync(VerifyRequest, DateTimeOffset?, CancellationToken)" path="/param" />
    public Task<FileAppealReply> FileAppealAsync(FileAppealRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        Via(request).FileAppealAsync(request, Options(deadline, cancellationToken)).ResponseAsync;

    /// <summary>Decides an open appeal (an agent): upheld, or overturned, which lifts exactly the contested lock.</summary>
    /// <inheritdoc cref="VerifyAsync(VerifyRequest, DateTimeOffset?, CancellationToken)" path="/param" />
    public Task<DecideAppealReply> DecideAppealAsync(DecideAppealRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        Via(request).DecideAppealAsync(request, Options(deadline, cancellationToken)).ResponseAsync;

    /// <summary>Labels an automatic lock, once (an agent): a confirmed compromise or a false positive.</summary>
    /// <inheritdoc cref="VerifyAsync(VerifyRequest, DateTimeOffset?, CancellationToken)" path="/param" />
    public Task<LabelAutomaticLockReply> LabelAutomaticLockAsync(LabelAutomaticLockRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        Via(request).LabelAutomaticLockAsync(request, Options(deadline, cancellationToken)).ResponseAsync;

    /// <summary>Records a verdict on one sampled action (an auditor or admin), once; never on one's own action.</summary>
    /// <inheritdoc cref="VerifyAsync(VerifyRequest, DateTimeOffset?, CancellationToken)" path="/param" />
    public Task<RecordAuditVerdictReply> RecordAuditVerdictAsync(RecordAuditVerdictRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        Via(request).RecordAuditVerdictAsync(request, Options(deadline, cancellationToken)).ResponseAsync;

    /// <summary>Records a verdict on the sampled action at <paramref name="actionSeq"/> of <paramref name="accountId"/>.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="actionSeq">The audited action's seq (<see cref="AuditQueueItem.ActionSeq"/>).</param>
    /// <param name="verdict">Correct or incorrect.</param>
    /// <param name="guidelineRef">The guideline the verdict refers to.</param>
    /// <param name="note">A note for history.</param>
    /// <param name="idempotencyKey">Makes a repeat return the first verdict (and the call retryable); <see langword="null"/> for none.</param>
    /// <param name="deadline">When the call must be done by; <see langword="null"/> for the default timeout.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The audited action and the account's version after the verdict.</returns>
    public Task<RecordAuditVerdictReply> RecordAuditVerdictAsync(
        string accountId, long actionSeq, AuditVerdict verdict, string guidelineRef, string? note = null, string? idempotencyKey = null, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        RecordAuditVerdictAsync(
            new RecordAuditVerdictRequest { AccountId = accountId, ActionSeq = actionSeq, Verdict = verdict, GuidelineRef = guidelineRef, Note = note ?? "", IdempotencyKey = idempotencyKey ?? "" },
            deadline,
            cancellationToken);

    /// <summary>Approves request <paramref name="requestId"/> on <paramref name="accountId"/>.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="requestId">The request, as <see cref="PendingRequest.RequestId"/> gave it.</param>
    /// <param name="note">A note for history.</param>
    /// <param name="idempotencyKey">Makes a repeat return the first answer (and the call retryable); <see langword="null"/> for none.</param>
    /// <param name="deadline">When the call must be done by; <see langword="null"/> for the default timeout.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What the approval did, and the account after it.</returns>
    public Task<RequestAnswerReply> ApproveRequestAsync(
        string accountId, string requestId, string? note = null, string? idempotencyKey = null, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        ApproveRequestAsync(new ApproveRequestRequest { AccountId = accountId, RequestId = requestId, Note = note ?? "", IdempotencyKey = idempotencyKey ?? "" }, deadline, cancellationToken);

    /// <summary>Rejects request <paramref name="requestId"/> on <paramref name="accountId"/>.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="requestId">The request.</param>
    /// <param name="reason">Why, for history.</param>
    /// <param name="idempotencyKey">Makes a repeat return the first answer (and the call retryable); <see langword="null"/> for none.</param>
    /// <param name="deadline">When the call must be done by; <see langword="null"/> for the default timeout.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer, and the account after it.</returns>
    public Task<RequestAnswerReply> RejectRequestAsync(
        string accountId, string requestId, string? reason = null, string? idempotencyKey = null, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        RejectRequestAsync(new RejectRequestRequest { AccountId = accountId, RequestId = requestId, Reason = reason ?? "", IdempotencyKey = idempotencyKey ?? "" }, deadline, cancellationToken);

    /// <summary>Files the owner's appeal against lock <paramref name="lockId"/>.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="lockId">The contested lock.</param>
    /// <param name="statement">The owner's statement.</param>
    /// <param name="idempotencyKey">Makes a repeat return the first appeal (and the call retryable); <see langword="null"/> for none.</param>
    /// <param name="deadline">When the call must be done by; <see langword="null"/> for the default timeout.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The open appeal, and the account after it.</returns>
    public Task<FileAppealReply> FileAppealAsync(
        string accountId, string lockId, string statement, string? idempotencyKey = null, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        FileAppealAsync(new FileAppealRequest { AccountId = accountId, LockId = lockId, Statement = statement, IdempotencyKey = idempotencyKey ?? "" }, deadline, cancellationToken);

    /// <summary>Decides appeal <paramref name="appealId"/>.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="appealId">The appeal, as <see cref="Appeal.AppealId"/> gave it.</param>
    /// <param name="decision">Upheld or overturned.</param>
    /// <param name="reason">Why.</param>
    /// <param name="idempotencyKey">Makes a repeat return the first decision (and the call retryable); <see langword="null"/> for none.</param>
    /// <param name="deadline">When the call must be done by; <see langword="null"/> for the default timeout.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The decision, the lock it lifted, and the account after it.</returns>
    public Task<DecideAppealReply> DecideAppealAsync(
        string accountId, string appealId, AppealDecision decision, string reason, string? idempotencyKey = null, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        DecideAppealAsync(new DecideAppealRequest { AccountId = accountId, AppealId = appealId, Decision = decision, Reason = reason, IdempotencyKey = idempotencyKey ?? "" }, deadline, cancellationToken);

    /// <summary>Labels automatic lock <paramref name="lockId"/>.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="lockId">The automatic lock (in force or ended).</param>
    /// <param name="label">Confirmed compromise or false positive.</param>
    /// <param name="note">A note for history.</param>
    /// <param name="idempotencyKey">Makes a repeat return the first label (and the call retryable); <see langword="null"/> for none.</param>
    /// <param name="deadline">When the call must be done by; <see langword="null"/> for the default timeout.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The label, the rule that placed the lock, and the account after it.</returns>
    public Task<LabelAutomaticLockReply> LabelAutomaticLockAsync(
        string accountId, string lockId, FeedbackLabel label, string? note = null, string? idempotencyKey = null, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        LabelAutomaticLockAsync(new LabelAutomaticLockRequest { AccountId = accountId, LockId = lockId, Label = label, Note = note ?? "", IdempotencyKey = idempotencyKey ?? "" }, deadline, cancellationToken);
}
