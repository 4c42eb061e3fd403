namespace AccountGrains.Abstractions;

/// <summary>
/// One account, as an Orleans grain keyed by its account id (<see cref="AccountIds"/>). Every account
/// exists: a never-seen id is an ACTIVE account at version 0, and reading it writes nothing.
/// </summary>
/// <remarks>
/// <para>Calls run one at a time per account (Orleans' turn-based default). A write returns once its
/// events are committed to the event store; a refusal throws <see cref="AccountRefusedException"/> and
/// writes nothing.</para>
/// <para>The <see cref="Caller"/> is checked against the role table by the domain, exactly as for a gRPC
/// caller: an Orleans client is trusted no more than the gateway's callers.</para>
/// <para>Every method takes a <see cref="CancellationToken"/> (Orleans propagates it to the grain): the
/// gateway passes the gRPC call's, so a call never waits past its deadline.</para>
/// <para>Failures: <see cref="AccountRefusedException"/> (the caller's request or the account's state),
/// <see cref="AccountUnavailableException"/> (the store is unreachable or this silo is fenced; a retry is
/// safe for reads and for writes with an idempotency key), <see cref="AccountConflictException"/> (the
/// account changed under the write twice; nothing was written).</para>
/// </remarks>
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>May the account act? The hot path: a read of the warm state, no I/O.</summary>
    /// <param name="action">What the caller is about to do.</param>
    /// <param name="deviceId">The device, if known (a high-profile account on an unknown device is challenged).</param>
    /// <param name="cancellationToken">Cancels the call (the gRPC deadline, at the gateway).</param>
    ValueTask<VerifyResult> Verify(VerifyAction action, string? deviceId, CancellationToken cancellationToken = default);

    /// <summary>The account's posture (never a recovery code or its hash).</summary>
    ValueTask<AccountPosture> GetAccount(Caller caller, CancellationToken cancellationToken = default);

    /// <summary>A page of the account's history, oldest first, read from the store.</summary>
    /// <param name="caller">Who reads (agent, vendor, admin).</param>
    /// <param name="afterSeq">Events with a greater seq are returned.</param>
    /// <param name="pageSize">At most this many (0: 100; capped at 1,000).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    ValueTask<HistoryPage> GetHistory(Caller caller, long afterSeq, int pageSize, CancellationToken cancellationToken = default);

    /// <summary>Places a lock.</summary>
    ValueTask<LockResult> Lock(Caller caller, LockRequest request, CancellationToken cancellationToken = default);

    /// <summary>Lifts one lock, the locks of a reason, or all.</summary>
    ValueTask<UnlockResult> Unlock(Caller caller, UnlockRequest request, CancellationToken cancellationToken = default);

    /// <summary>Records a signal a platform service observed (may place an automatic BRUTE_FORCE lock).</summary>
    ValueTask<SignalResult> ReportSignal(Caller caller, SignalRequest request, CancellationToken cancellationToken = default);

    /// <summary>Opens a recovery attempt; the one-time code comes back once, here.</summary>
    ValueTask<RecoveryStartResult> StartRecovery(Caller caller, StartRecoveryRequest request, CancellationToken cancellationToken = default);

    /// <summary>Presents the code of the open attempt. A wrong code is a result (it is recorded), not a refusal.</summary>
    ValueTask<RecoveryCompleteResult> CompleteRecovery(Caller caller, CompleteRecoveryRequest request, CancellationToken cancellationToken = default);

    /// <summary>Grants the verification badge (or re-grants it in another category).</summary>
    ValueTask<BadgeResult> GrantVerification(Caller caller, GrantVerificationRequest request, CancellationToken cancellationToken = default);

    /// <summary>Revokes the verification badge.</summary>
    ValueTask<BadgeResult> RevokeVerification(Caller caller, RevokeVerificationRequest request, CancellationToken cancellationToken = default);

    /// <summary>Sets or clears the high-profile flag.</summary>
    ValueTask<HighProfileResult> SetHighProfile(Caller caller, SetHighProfileRequest request, CancellationToken cancellationToken = default);
}
