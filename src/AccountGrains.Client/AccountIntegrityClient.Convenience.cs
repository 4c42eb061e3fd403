using System.Runtime.CompilerServices;
using AccountGrains.Contracts.V1;
using Google.Protobuf.WellKnownTypes;
using Action = AccountGrains.Contracts.V1.Action;

namespace AccountGrains.Client;

/// <summary>Shorthands for the common calls; each builds the request and calls the method that takes it.</summary>
public sealed partial class AccountIntegrityClient
{
    /// <summary>May the account do <paramref name="action"/> from <paramref name="deviceId"/>?</summary>
    /// <param name="accountId">The account (1–64 characters of <c>[A-Za-z0-9_.-]</c>).</param>
    /// <param name="action">What it wants to do.</param>
    /// <param name="deviceId">The device, when known; a high-profile account on an unknown device is challenged.</param>
    /// <param name="deadline">When the call must be done by; <see langword="null"/> for the default timeout.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The decision with its reasons.</returns>
    public Task<VerifyReply> VerifyAsync(string accountId, Action action, string? deviceId = null, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        VerifyAsync(new VerifyRequest { AccountId = accountId, Action = action, DeviceId = deviceId ?? "" }, deadline, cancellationToken);

    /// <summary>Places a lock.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="reason">Why (not BRUTE_FORCE: only the service places that).</param>
    /// <param name="duration">How long it lasts; <see langword="null"/> until unlocked.</param>
    /// <param name="note">A note kept with the lock.</param>
    /// <param name="idempotencyKey">Makes a repeat return the first lock (and the call retryable); <see langword="null"/> for none.</param>
    /// <param name="deadline">When the call must be done by; <see langword="null"/> for the default timeout.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The lock id and the account after it.</returns>
    public Task<LockReply> LockAsync(
        string accountId, LockReason reason, TimeSpan? duration = null, string? note = null, string? idempotencyKey = null,
        DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        LockAsync(
            new LockRequest
            {
                AccountId = accountId,
                Reason = reason,
                Duration = duration is { } d ? Duration.FromTimeSpan(d) : null,
                Note = note ?? "",
                IdempotencyKey = idempotencyKey ?? "",
            },
            deadline,
            cancellationToken);

    /// <summary>Lifts the lock with id <paramref name="lockId"/> (NOT_FOUND when it is not in force).</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="lockId">The lock, as <see cref="LockReply.LockId"/> or <see cref="AccountLock.LockId"/> gave it.</param>
    /// <param name="note">Why it is lifted.</param>
    /// <param name="idempotencyKey">Makes a repeat harmless (and the call retryable); <see langword="null"/> for none.</param>
    /// <param name="deadline">When the call must be done by; <see langword="null"/> for the default timeout.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The account after it.</returns>
    public Task<UnlockReply> UnlockAsync(
        string accountId, string lockId, string? note = null, string? idempotencyKey = null,
        DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        UnlockAsync(
            new UnlockRequest { AccountId = accountId, LockId = lockId, Note = note ?? "", IdempotencyKey = idempotencyKey ?? "" },
            deadline,
            cancellationToken);

    /// <summary>The account's posture.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="deadline">When the call must be done by; <see langword="null"/> for the default timeout.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The account.</returns>
    public Task<Account> GetAccountAsync(string accountId, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        GetAccountAsync(new GetAccountRequest { AccountId = accountId }, deadline, cancellationToken);

    /// <summary>The whole history of an account, oldest first, read a page at a time as it is enumerated.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="pageSize">Events per call; 0 for the server's default (100), at most 1000.</param>
    /// <param name="cancellationToken">Cancels the enumeration; each page call has the default timeout.</param>
    /// <returns>Every event after the enumeration starts reading, in order.</returns>
    public async IAsyncEnumerable<HistoryEvent> ReadHistoryAsync(string accountId, int pageSize = 0, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = new GetHistoryRequest { AccountId = accountId, PageSize = pageSize };
        while (true)
        {
            var page = await GetHistoryAsync(request, deadline: null, cancellationToken).ConfigureAwait(false);
            foreach (var e in page.Events)
            {
                yield return e;
            }

            if (!page.HasMore)
            {
                yield break;
            }

            request = new GetHistoryRequest { AccountId = accountId, PageSize = pageSize, AfterSeq = page.NextAfterSeq };
        }
    }
}
