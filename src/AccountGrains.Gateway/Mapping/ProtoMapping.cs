using AccountGrains.Domain;
using AccountGrains.Grpc;
using Google.Protobuf.WellKnownTypes;
using V1 = AccountGrains.Contracts.V1;

namespace AccountGrains.Gateway;

/// <summary>
/// Domain types to and from the public messages. Enum values are checked, never cast blindly: an
/// UNSPECIFIED or unknown value is a caller error (INVALID_ARGUMENT), not a default.
/// </summary>
internal static class ProtoMapping
{
    public static LockReason ToDomain(V1.LockReason reason) => reason is > V1.LockReason.Unspecified and <= V1.LockReason.UserRequested
        ? (LockReason)(int)reason
        : throw Invalid("reason", reason);

    public static SignalKind ToDomain(V1.SignalKind kind) => kind is > V1.SignalKind.Unspecified and <= V1.SignalKind.CredentialReset
        ? (SignalKind)(int)kind
        : throw Invalid("kind", kind);

    public static RecoveryChannel ToDomain(V1.RecoveryChannel channel) => channel is > V1.RecoveryChannel.Unspecified and <= V1.RecoveryChannel.Push
        ? (RecoveryChannel)(int)channel
        : throw Invalid("channel", channel);

    public static VerifyAction ToDomain(V1.Action action) => action is > V1.Action.Unspecified and <= V1.Action.Recover
        ? (VerifyAction)(int)action
        : throw Invalid("action", action);

    public static V1.VerifyReply ToProto(in VerifyResult result)
    {
        var reply = new V1.VerifyReply
        {
            Decision = (V1.Decision)((int)result.Decision + 1),
            Version = result.Version,
            SessionsValidAfter = ToTimestamp(result.SessionsValidAfter),
        };
        AddReasons(reply.Reasons, result.Reasons);
        return reply;
    }

    public static V1.Account ToProto(string accountId, AccountView view, AccountRulesOptions rules)
    {
        var account = new V1.Account
        {
            AccountId = accountId,
            Version = view.Version,
            Status = view.Locked ? V1.AccountStatus.Locked : V1.AccountStatus.Active,
            Risk = (V1.RiskLevel)((int)view.Risk + 1),
            CredentialCompromised = view.CredentialCompromised,
            CredentialResetRequired = view.CredentialResetRequired,
            HighProfile = view.HighProfile,
            Badge = ToProto(view.Badge),
            SessionsValidAfter = ToTimestamp(view.SessionsValidAfter),
            Recovery = ToProto(view.Recovery, rules),
        };
        account.KnownDevices.Add(view.Devices);
        foreach (var l in view.Locks)
        {
            account.Locks.Add(new V1.AccountLock
            {
                LockId = l.LockId,
                Reason = (V1.LockReason)(int)l.Reason,
                PlacedBy = l.PlacedBy,
                PlacedAt = Timestamp.FromDateTimeOffset(l.PlacedAt),
                ExpiresAt = ToTimestamp(l.ExpiresAt),
                Note = l.Note ?? "",
            });
        }

        return account;
    }

    public static Timestamp? ToTimestamp(DateTimeOffset? time) => time is { } t ? Timestamp.FromDateTimeOffset(t) : null;

    private static V1.VerificationBadge ToProto(VerificationBadge badge) => new()
    {
        State = (V1.BadgeState)((int)badge.Status + 1),
        Category = badge.Category ?? "",
        Since = ToTimestamp(badge.Since),
        GrantedBy = badge.By ?? "",
        RevokedReason = badge.RevokedReason ?? "",
    };

    private static V1.RecoveryStatus ToProto(RecoveryStatus recovery, AccountRulesOptions rules) => new()
    {
        Open = recovery.OpenAttemptId is not null,
        AttemptId = recovery.OpenAttemptId ?? "",
        Channel = recovery.Channel is { } c ? (V1.RecoveryChannel)(int)c : V1.RecoveryChannel.Unspecified,
        ExpiresAt = ToTimestamp(recovery.ExpiresAt),
        TriesLeft = recovery.OpenAttemptId is null ? 0 : Math.Max(0, rules.RecoveryMaxFailedTries - recovery.FailedTries),
        AttemptsLast24H = recovery.AttemptsInWindow,
        BlockedUntil = ToTimestamp(recovery.CooldownUntil),
    };

    private static void AddReasons(Google.Protobuf.Collections.RepeatedField<string> target, VerifyReasons reasons)
    {
        if (reasons == VerifyReasons.None)
        {
            return;
        }

        if (reasons.HasFlag(VerifyReasons.Locked))
        {
            target.Add("LOCKED");
        }

        if (reasons.HasFlag(VerifyReasons.RiskHigh))
        {
            target.Add("RISK_HIGH");
        }

        if (reasons.HasFlag(VerifyReasons.CredentialCompromised))
        {
            target.Add("CREDENTIAL_COMPROMISED");
        }

        if (reasons.HasFlag(VerifyReasons.UnknownDevice))
        {
            target.Add("UNKNOWN_DEVICE");
        }

        if (reasons.HasFlag(VerifyReasons.CredentialResetRequired))
        {
            target.Add("CREDENTIAL_RESET_REQUIRED");
        }
    }

    private static RpcException Invalid<T>(string field, T value) => GatewayErrors.InvalidArgument($"{field} {value} is not a valid value (UNSPECIFIED is refused).");
}
