using AccountGrains.Contracts.V1;

namespace AccountGrains.Client.Internal;

/// <summary>
/// Which calls may be sent again after UNAVAILABLE: reads, and writes the server deduplicates by idempotency key.
/// A write without a key might have been applied before the failure, so repeating it could apply it twice;
/// CompleteRecovery has no key at all, and a repeated wrong code would spend a second try.
/// </summary>
internal static class RetryRules
{
    public static bool IsSafeToRetry<TRequest>(TRequest request) => request switch
    {
        VerifyRequest or GetAccountRequest or GetHistoryRequest => true,
        CompleteRecoveryRequest => false,
        ReportSignalRequest r => HasKey(r.IdempotencyKey),
        LockRequest r => HasKey(r.IdempotencyKey),
        UnlockRequest r => HasKey(r.IdempotencyKey),
        StartRecoveryRequest r => HasKey(r.IdempotencyKey),
        GrantVerificationRequest r => HasKey(r.IdempotencyKey),
        RevokeVerificationRequest r => HasKey(r.IdempotencyKey),
        SetHighProfileRequest r => HasKey(r.IdempotencyKey),
        _ => false,
    };

    private static bool HasKey(string idempotencyKey) => idempotencyKey.Length > 0;
}
