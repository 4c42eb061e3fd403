using System.Runtime.CompilerServices;
using AccountGrains.Contracts.V1;
using Action = AccountGrains.Contracts.V1.Action;

namespace AccountGrains.Api.Tests.Support;

/// <summary>
/// grpc-dotnet's generated client with one caller's headers and a generous deadline on every call, plus the
/// shorthand the scenarios use. No retries: a test sees exactly what the server answered.
/// </summary>
public sealed class ApiClient(AccountIntegrity.AccountIntegrityClient client, Metadata headers)
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public AccountIntegrity.AccountIntegrityClient Raw => client;

    public Metadata Headers => headers;

    public Task<VerifyReply> VerifyAsync(VerifyRequest request) => client.VerifyAsync(request, Options()).ResponseAsync;

    public Task<VerifyReply> VerifyAsync(string accountId, Action action, string? deviceId = null) =>
        VerifyAsync(new VerifyRequest { AccountId = accountId, Action = action, DeviceId = deviceId ?? "" });

    public Task<ReportSignalReply> ReportSignalAsync(ReportSignalRequest request) => client.ReportSignalAsync(request, Options()).ResponseAsync;

    public Task<LockReply> LockAsync(LockRequest request) => client.LockAsync(request, Options()).ResponseAsync;

    public Task<LockReply> LockAsync(string accountId, LockReason reason, TimeSpan? duration = null, string? note = null, string? idempotencyKey = null) =>
        LockAsync(new LockRequest
        {
            AccountId = accountId,
            Reason = reason,
            Duration = duration is { } d ? Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(d) : null,
            Note = note ?? "",
            IdempotencyKey = idempotencyKey ?? "",
        });

    public Task<UnlockReply> UnlockAsync(UnlockRequest request) => client.UnlockAsync(request, Options()).ResponseAsync;

    public Task<UnlockReply> UnlockAsync(string accountId, string lockId) => UnlockAsync(new UnlockRequest { AccountId = accountId, LockId = lockId });

    public Task<StartRecoveryReply> StartRecoveryAsync(StartRecoveryRequest request) => client.StartRecoveryAsync(request, Options()).ResponseAsync;

    public Task<CompleteRecoveryReply> CompleteRecoveryAsync(CompleteRecoveryRequest request) => client.CompleteRecoveryAsync(request, Options()).ResponseAsync;

    public Task<GrantVerificationReply> GrantVerificationAsync(GrantVerificationRequest request) => client.GrantVerificationAsync(request, Options()).ResponseAsync;

    public Task<RevokeVerificationReply> RevokeVerificationAsync(RevokeVerificationRequest request) => client.RevokeVerificationAsync(request, Options()).ResponseAsync;

    public Task<SetHighProfileReply> SetHighProfileAsync(SetHighProfileRequest request) => client.SetHighProfileAsync(request, Options()).ResponseAsync;

    public Task<Account> GetAccountAsync(GetAccountRequest request) => client.GetAccountAsync(request, Options()).ResponseAsync;

    public Task<Account> GetAccountAsync(string accountId) => GetAccountAsync(new GetAccountRequest { AccountId = accountId });

    public Task<HistoryPage> GetHistoryAsync(GetHistoryRequest request) => client.GetHistoryAsync(request, Options()).ResponseAsync;

    /// <summary>Every event of the account, a page at a time.</summary>
    public async IAsyncEnumerable<HistoryEvent> ReadHistoryAsync(string accountId, int pageSize = 100, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        long after = 0;
        while (true)
        {
            var page = await GetHistoryAsync(new GetHistoryRequest { AccountId = accountId, AfterSeq = after, PageSize = pageSize });
            foreach (var e in page.Events)
            {
                yield return e;
            }

            if (!page.HasMore)
            {
                yield break;
            }

            after = page.NextAfterSeq;
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    public Task<RequestAnswerReply> ApproveRequestAsync(ApproveRequestRequest request) => client.ApproveRequestAsync(request, Options()).ResponseAsync;

    public Task<RequestAnswerReply> RejectRequestAsync(RejectRequestRequest request) => client.RejectRequestAsync(request, Options()).ResponseAsync;

    public Task<FileAppealReply> FileAppealAsync(FileAppealRequest request) => client.FileAppealAsync(request, Options()).ResponseAsync;

    public Task<RecordAuditVerdictReply> RecordAuditVerdictAsync(RecordAuditVerdictRequest request) => client.RecordAuditVerdictAsync(request, Options()).ResponseAsync;

    public Task<DecideAppealReply> DecideAppealAsync(DecideAppealRequest request) => client.DecideAppealAsync(request, Options()).ResponseAsync;

    public Task<LabelAutomaticLockReply> LabelAutomaticLockAsync(LabelAutomaticLockRequest request) => client.LabelAutomaticLockAsync(request, Options()).ResponseAsync;

    private CallOptions Options() => new(headers, DateTime.UtcNow + Deadline);
}
