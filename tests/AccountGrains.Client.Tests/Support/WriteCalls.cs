using AccountGrains.Contracts.V1;

namespace AccountGrains.Client.Tests.Support;

/// <summary>Each write of AccountIntegrity by name, with or without an idempotency key.</summary>
public static class WriteCalls
{
    public static Task InvokeAsync(AccountIntegrityClient client, string method, string? idempotencyKey)
    {
        var key = idempotencyKey ?? "";
        return method switch
        {
            "ReportSignal" => client.ReportSignalAsync(new ReportSignalRequest { AccountId = "alice", IdempotencyKey = key }),
            "Lock" => client.LockAsync(new LockRequest { AccountId = "alice", Reason = LockReason.Compromised, IdempotencyKey = key }),
            "Unlock" => client.UnlockAsync(new UnlockRequest { AccountId = "alice", LockId = "lock-1", IdempotencyKey = key }),
            "StartRecovery" => client.StartRecoveryAsync(new StartRecoveryRequest { AccountId = "alice", Channel = RecoveryChannel.Email, IdempotencyKey = key }),
            "GrantVerification" => client.GrantVerificationAsync(new GrantVerificationRequest { AccountId = "alice", IdempotencyKey = key }),
            "RevokeVerification" => client.RevokeVerificationAsync(new RevokeVerificationRequest { AccountId = "alice", IdempotencyKey = key }),
            "SetHighProfile" => client.SetHighProfileAsync(new SetHighProfileRequest { AccountId = "alice", HighProfile = true, IdempotencyKey = key }),
            "ApproveRequest" => client.ApproveRequestAsync("alice", "request-1", idempotencyKey: idempotencyKey),
            "RejectRequest" => client.RejectRequestAsync("alice", "request-1", idempotencyKey: idempotencyKey),
            "FileAppeal" => client.FileAppealAsync("alice", "lock-1", "not me", idempotencyKey),
            "DecideAppeal" => client.DecideAppealAsync("alice", "appeal-1", AppealDecision.Overturned, "mistaken", idempotencyKey),
            "LabelAutomaticLock" => client.LabelAutomaticLockAsync("alice", "lock-1", FeedbackLabel.FalsePositive, idempotencyKey: idempotencyKey),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Not a write of AccountIntegrity."),
        };
    }
}
