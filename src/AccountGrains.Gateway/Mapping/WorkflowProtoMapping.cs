using AccountGrains.Abstractions;
using Google.Protobuf.WellKnownTypes;
using V1 = AccountGrains.Contracts.V1;

namespace AccountGrains.Gateway;

/// <summary>The workflow messages to and from the grain's types; UNSPECIFIED or unknown enum values are INVALID_ARGUMENT.</summary>
internal static class WorkflowProtoMapping
{
    public static AppealDecision ToGrain(V1.AppealDecision decision) => decision is V1.AppealDecision.Upheld or V1.AppealDecision.Overturned
        ? (AppealDecision)(int)decision
        : throw GatewayErrors.InvalidArgument($"decision {decision} is not a valid value (UNSPECIFIED is refused).");

    public static FeedbackLabel ToGrain(V1.FeedbackLabel label) => label is V1.FeedbackLabel.ConfirmedCompromise or V1.FeedbackLabel.FalsePositive
        ? (FeedbackLabel)(int)label
        : throw GatewayErrors.InvalidArgument($"label {label} is not a valid value (UNSPECIFIED is refused).");

    public static V1.AppealDecision ToProto(AppealDecision decision) => (V1.AppealDecision)(int)decision;

    public static V1.FeedbackLabel ToProto(FeedbackLabel label) => (V1.FeedbackLabel)(int)label;

    public static V1.PendingRequest? ToProto(DualControlRequest? request)
    {
        if (request is null)
        {
            return null;
        }

        var message = new V1.PendingRequest
        {
            RequestId = request.RequestId,
            Action = (V1.DualControlAction)(int)request.Action,
            RequestedBy = request.RequestedBy,
            RequestedAt = Timestamp.FromDateTimeOffset(request.RequestedAt),
            ExpiresAt = Timestamp.FromDateTimeOffset(request.ExpiresAt),
            Reason = request.Reason ?? "",
        };
        message.LockIds.Add(request.LockIds);
        return message;
    }

    public static V1.Appeal ToProto(Appeal appeal) => new()
    {
        AppealId = appeal.AppealId,
        LockId = appeal.LockId,
        FiledBy = appeal.FiledBy,
        FiledAt = Timestamp.FromDateTimeOffset(appeal.FiledAt),
        Statement = appeal.Statement,
    };

    public static V1.RequestAnswerReply ToProto(RequestAnswerResult result)
    {
        var reply = new V1.RequestAnswerReply
        {
            RequestId = result.RequestId,
            Approved = result.Approved,
            BadgeRevoked = result.BadgeRevoked,
            Account = ProtoMapping.ToProto(result.Account),
            Version = result.Version,
        };
        reply.LiftedLockIds.Add(result.LiftedLockIds);
        return reply;
    }

    public static void AddWorkflows(V1.Account account, AccountPosture posture)
    {
        foreach (var request in posture.PendingRequests)
        {
            account.PendingRequests.Add(ToProto(request));
        }

        foreach (var appeal in posture.OpenAppeals)
        {
            account.OpenAppeals.Add(ToProto(appeal));
        }

        foreach (var auto in posture.AutomaticLocks)
        {
            account.AutomaticLocks.Add(new V1.AutomaticLock
            {
                LockId = auto.LockId,
                Rule = (V1.LockReason)(int)auto.Rule,
                PlacedAt = Timestamp.FromDateTimeOffset(auto.PlacedAt),
                Label = auto.Label is { } label ? ToProto(label) : V1.FeedbackLabel.Unspecified,
            });
        }
    }
}
