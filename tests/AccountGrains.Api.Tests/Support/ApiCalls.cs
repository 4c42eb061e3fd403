using AccountGrains.Contracts.V1;
using Google.Protobuf;
using Action = AccountGrains.Contracts.V1.Action;

namespace AccountGrains.Api.Tests.Support;

/// <summary>Each RPC by name with a well-formed request, for the table-driven permission tests.</summary>
public static class ApiCalls
{
    public static readonly string[] Methods =
    [
        "Verify", "ReportSignal", "Lock", "Unlock", "StartRecovery", "CompleteRecovery",
        "GrantVerification", "RevokeVerification", "SetHighProfile", "GetAccount", "GetHistory",
        "ApproveRequest", "RejectRequest", "FileAppeal", "DecideAppeal", "LabelAutomaticLock",
        "RecordAuditVerdict",
    ];

    /// <summary>DOMAIN.md's "Who may call what", written out here on purpose rather than read from the domain's table.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> AllowedByRole = new Dictionary<string, string[]>
    {
        ["platform"] = ["Verify", "ReportSignal", "Lock", "GetAccount", "FileAppeal"],
        ["recovery"] = ["Verify", "StartRecovery", "CompleteRecovery", "GetAccount"],
        ["agent"] = ["Verify", "ReportSignal", "Lock", "Unlock", "GrantVerification", "RevokeVerification", "GetAccount", "GetHistory", "ApproveRequest", "RejectRequest", "DecideAppeal", "LabelAutomaticLock"],
        ["vendor"] = ["Verify", "Lock", "Unlock", "GetAccount", "GetHistory"],
        ["admin"] = Methods,
    };

    /// <summary>Every (role, method) cell the table allows, or forbids.</summary>
    public static TheoryData<string, string> Cells(bool allowed)
    {
        var data = new TheoryData<string, string>();
        foreach (var (role, methods) in AllowedByRole)
        {
            foreach (var method in Methods.Where(m => methods.Contains(m) == allowed))
            {
                data.Add(role, method);
            }
        }

        return data;
    }

    public static async Task<IMessage> InvokeAsync(ApiClient client, string method, string accountId) => method switch
    {
        "Verify" => await client.VerifyAsync(accountId, Action.Login),
        "ReportSignal" => await client.ReportSignalAsync(new ReportSignalRequest { AccountId = accountId, Kind = SignalKind.SuccessfulLogin }),
        "Lock" => await client.LockAsync(accountId, LockReason.PolicyViolation),
        "Unlock" => await client.UnlockAsync(new UnlockRequest { AccountId = accountId, All = true }),
        "StartRecovery" => await client.StartRecoveryAsync(new StartRecoveryRequest { AccountId = accountId, Channel = RecoveryChannel.Email }),
        "CompleteRecovery" => await client.CompleteRecoveryAsync(new CompleteRecoveryRequest { AccountId = accountId, AttemptId = "0123456789abcdef", Code = "000000" }),
        "GrantVerification" => await client.GrantVerificationAsync(new GrantVerificationRequest { AccountId = accountId, Category = "creator" }),
        "RevokeVerification" => await client.RevokeVerificationAsync(new RevokeVerificationRequest { AccountId = accountId, Reason = "test" }),
        "SetHighProfile" => await client.SetHighProfileAsync(new SetHighProfileRequest { AccountId = accountId, HighProfile = true }),
        "GetAccount" => await client.GetAccountAsync(accountId),
        "GetHistory" => await client.GetHistoryAsync(new GetHistoryRequest { AccountId = accountId }),
        "ApproveRequest" => await client.ApproveRequestAsync(new ApproveRequestRequest { AccountId = accountId, RequestId = "request-1" }),
        "RejectRequest" => await client.RejectRequestAsync(new RejectRequestRequest { AccountId = accountId, RequestId = "request-1" }),
        "FileAppeal" => await client.FileAppealAsync(new FileAppealRequest { AccountId = accountId, LockId = "lock-1", Statement = "not me" }),
        "DecideAppeal" => await client.DecideAppealAsync(new DecideAppealRequest { AccountId = accountId, AppealId = "appeal-1", Decision = AppealDecision.Upheld, Reason = "r" }),
        "LabelAutomaticLock" => await client.LabelAutomaticLockAsync(new LabelAutomaticLockRequest { AccountId = accountId, LockId = "lock-1", Label = FeedbackLabel.FalsePositive }),
        "RecordAuditVerdict" => await client.RecordAuditVerdictAsync(new RecordAuditVerdictRequest { AccountId = accountId, ActionSeq = 1, Verdict = AuditVerdict.Correct, GuidelineRef = "G-1" }),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "not an AccountIntegrity method"),
    };
}
