using AccountGrains.Abstractions;
using Google.Protobuf.Collections;
using Google.Protobuf.WellKnownTypes;
using V1 = AccountGrains.Contracts.V1;

namespace AccountGrains.Gateway;

/// <summary>
/// The public messages to and from the grain's types. Enum values are checked, never cast blindly: an
/// UNSPECIFIED or unknown value is a caller error (INVALID_ARGUMENT), not a default. The numbering is the
/// domain's on both sides, so a checked value maps by number.
/// </summary>
internal static class ProtoMapping
{
    public static LockReason ToGrain(V1.LockReason reason) => reason is > V1.LockReason.Unspecified and <= V1.LockReason.UserRequested
        ? (LockReason)(int)reason
        : throw Invalid("reason", reason);

    public static SignalKind ToGrain(V1.SignalKind kind) => kind is > V1.SignalKind.Unspecified and <= V1.SignalKind.CredentialReset
        ? (SignalKind)(int)kind
        : throw Invalid("kind", kind);

    public static RecoveryChannel ToGrain(V1.RecoveryChannel channel) => channel is > V1.RecoveryChannel.Unspecified and <= V1.RecoveryChannel.Push
        ? (RecoveryChannel)(int)channel
        : throw Invalid("channel", channel);

    public static VerifyAction ToGrain(V1.Action action) => action is > V1.Action.Unspecified and <= V1.Action.Recover
        ? (VerifyAction)(int)action
        : throw Invalid("action", action);

    /// <summary>An unset or zero duration is a lock until unlocked; a negative or malformed one is refused.</summary>
    public static TimeSpan? ToGrain(Duration? duration)
    {
        if (duration is null || (duration.Seconds == 0 && duration.Nanos == 0))
        {
            return null;
        }

        TimeSpan value;
        try
        {
            value = duration.ToTimeSpan();
        }
        catch (InvalidOperationException)
        {
            throw GatewayErrors.InvalidArgument("duration is not a valid duration.");
        }

        return value > TimeSpan.Zero ? value : throw GatewayErrors.InvalidArgument("duration must not be negative.");
    }

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

    public static V1.Account ToProto(AccountPosture posture)
    {
        var account = new V1.Account
        {
            AccountId = posture.AccountId,
            Version = posture.Version,
            Status = posture.Locked ? V1.AccountStatus.Locked : V1.AccountStatus.Active,
            Risk = (V1.RiskLevel)((int)posture.Risk + 1),
            CredentialCompromised = posture.CredentialCompromised,
            CredentialResetRequired = posture.CredentialResetRequired,
            HighProfile = posture.HighProfile,
            Badge = ToProto(posture.Badge),
            SessionsValidAfter = ToTimestamp(posture.SessionsValidAfter),
            Recovery = ToProto(posture.Recovery),
        };
        account.KnownDevices.Add(posture.Devices);
        WorkflowProtoMapping.AddWorkflows(account, posture);
        foreach (var l in posture.Locks)
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

    public static V1.HistoryPage ToProto(HistoryPage page)
    {
        var reply = new V1.HistoryPage { NextAfterSeq = page.NextAfterSeq, HasMore = page.HasMore };
        foreach (var e in page.Events)
        {
            reply.Events.Add(new V1.HistoryEvent
            {
                Seq = e.Seq,
                Type = e.Type,
                At = Timestamp.FromDateTimeOffset(e.At),
                Actor = e.Actor,
                Reason = e.Reason ?? "",
                DataJson = e.DataJson,
            });
        }

        return reply;
    }

    public static Timestamp? ToTimestamp(DateTimeOffset? time) => time is { } t ? Timestamp.FromDateTimeOffset(t) : null;

    private static V1.VerificationBadge ToProto(Badge badge) => new()
    {
        State = (V1.BadgeState)((int)badge.Status + 1),
        Category = badge.Category ?? "",
        Since = ToTimestamp(badge.Since),
        GrantedBy = badge.By ?? "",
        RevokedReason = badge.RevokedReason ?? "",
    };

    private static V1.RecoveryStatus ToProto(RecoveryPosture recovery) => new()
    {
        Open = recovery.OpenAttemptId is not null,
        AttemptId = recovery.OpenAttemptId ?? "",
        Channel = recovery.Channel is { } c ? (V1.RecoveryChannel)(int)c : V1.RecoveryChannel.Unspecified,
        ExpiresAt = ToTimestamp(recovery.ExpiresAt),
        TriesLeft = recovery.TriesLeft,
        AttemptsLast24H = recovery.AttemptsInWindow,
        BlockedUntil = ToTimestamp(recovery.CooldownUntil),
    };

    // The stable upper-case words of the contract, in the contract's order.
    private static void AddReasons(RepeatedField<string> target, VerifyReasons reasons)
    {
        if (reasons == VerifyReasons.None)
        {
            return;
        }

        if ((reasons & VerifyReasons.Locked) != 0)
        {
            target.Add("LOCKED");
        }

        if ((reasons & VerifyReasons.RiskHigh) != 0)
        {
            target.Add("RISK_HIGH");
        }

        if ((reasons & VerifyReasons.CredentialCompromised) != 0)
        {
            target.Add("CREDENTIAL_COMPROMISED");
        }

        if ((reasons & VerifyReasons.UnknownDevice) != 0)
        {
            target.Add("UNKNOWN_DEVICE");
        }

        if ((reasons & VerifyReasons.CredentialResetRequired) != 0)
        {
            target.Add("CREDENTIAL_RESET_REQUIRED");
        }
    }

    private static Grpc.Core.RpcException Invalid<T>(string field, T value) => GatewayErrors.InvalidArgument($"{field} {value} is not a valid value (UNSPECIFIED is refused).");
}
