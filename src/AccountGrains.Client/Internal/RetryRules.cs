using AccountGrains.Contracts.V1;
using Grpc.Core;
using Grpc.Net.Client.Configuration;

namespace AccountGrains.Client.Internal;

/// <summary>
/// Which calls may be sent again after UNAVAILABLE: reads, and writes the server deduplicates by idempotency key.
/// A write without a key might have been applied before the failure, so repeating it could apply it twice;
/// CompleteRecovery has no key at all, and a repeated wrong code would spend a second try.
/// </summary>
/// <remarks>
/// A gRPC service config is per method, not per request, and grpc-dotnet has no per-call switch. So an
/// <see cref="AccountIntegrityChannel"/> holds two grpc-dotnet channels: one whose service config retries the methods
/// in <see cref="RepeatableMethods"/>, used only for requests <see cref="IsSafeToRetry"/> accepts, and one with no
/// service config for the rest. CompleteRecovery is in neither list of retried methods, so even a request sent
/// through the wrong channel is never repeated. WatchEvents, a stream, is not either: a service-config retry covers a
/// stream only until its first message, while <c>WatchEventsAsync</c> resumes by itself from the last position.
/// </remarks>
internal static class RetryRules
{
    /// <summary>The methods the retrying channel's service config names, by (service, method).</summary>
    public static IReadOnlyList<(string Service, string Method)> RepeatableMethods { get; } =
    [
        .. new[]
        {
            "Verify", "GetAccount", "GetHistory",
            "ReportSignal", "Lock", "Unlock", "StartRecovery", "GrantVerification", "RevokeVerification", "SetHighProfile",
            "ApproveRequest", "RejectRequest", "FileAppeal", "DecideAppeal", "LabelAutomaticLock",
            "RecordAuditVerdict",
        }.Select(m => (AccountIntegrity.Descriptor.FullName, m)),
        .. new[] { "ListSilos", "ListActivations", "GetReport", "VerifyHistory", "ListAuditQueue", "ListPendingRequests", "ListOpenAppeals" }.Select(m => (ClusterAdmin.Descriptor.FullName, m)),
    ];

    public static bool IsSafeToRetry<TRequest>(TRequest request) => request switch
    {
        VerifyRequest or GetAccountRequest or GetHistoryRequest => true,
        ListSilosRequest or ListActivationsRequest => true,
        CompleteRecoveryRequest => false,
        ReportSignalRequest r => HasKey(r.IdempotencyKey),
        LockRequest r => HasKey(r.IdempotencyKey),
        UnlockRequest r => HasKey(r.IdempotencyKey),
        StartRecoveryRequest r => HasKey(r.IdempotencyKey),
        GrantVerificationRequest r => HasKey(r.IdempotencyKey),
        RevokeVerificationRequest r => HasKey(r.IdempotencyKey),
        SetHighProfileRequest r => HasKey(r.IdempotencyKey),
        ApproveRequestRequest r => HasKey(r.IdempotencyKey),
        RejectRequestRequest r => HasKey(r.IdempotencyKey),
        FileAppealRequest r => HasKey(r.IdempotencyKey),
        DecideAppealRequest r => HasKey(r.IdempotencyKey),
        LabelAutomaticLockRequest r => HasKey(r.IdempotencyKey),
        RecordAuditVerdictRequest r => HasKey(r.IdempotencyKey),
        _ => false,
    };

    /// <summary>The retrying channel's service config; <see langword="null"/> when retries are off.</summary>
    public static ServiceConfig? ServiceConfig(AccountIntegrityRetryOptions retry)
    {
        if (retry.MaxAttempts <= 1)
        {
            return null;
        }

        var method = new MethodConfig
        {
            RetryPolicy = new RetryPolicy
            {
                MaxAttempts = retry.MaxAttempts,
                InitialBackoff = retry.InitialBackoff,
                MaxBackoff = retry.MaxBackoff,
                BackoffMultiplier = retry.BackoffMultiplier,
                RetryableStatusCodes = { StatusCode.Unavailable },
            },
        };
        foreach (var (service, name) in RepeatableMethods)
        {
            method.Names.Add(new MethodName { Service = service, Method = name });
        }

        return new ServiceConfig { MethodConfigs = { method } };
    }

    private static bool HasKey(string idempotencyKey) => idempotencyKey.Length > 0;
}
