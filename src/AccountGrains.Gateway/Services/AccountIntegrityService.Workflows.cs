using AccountGrains.Abstractions;
using AccountGrains.Contracts.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using V1 = AccountGrains.Contracts.V1;

namespace AccountGrains.Gateway;

/// <summary>The integrity workflows of <c>AccountIntegrity</c>: thin over <see cref="IAccountWorkflowGrain"/>, the same account grain.</summary>
internal sealed partial class AccountIntegrityService
{
    [Authorize(Policy = GatewayPolicies.ApproveRequest)]
    public override async Task<RequestAnswerReply> ApproveRequest(ApproveRequestRequest request, ServerCallContext context)
    {
        try
        {
            var answer = new AnswerRequest(Required(request.RequestId, "request_id"), Optional(request.Note), Optional(request.IdempotencyKey));
            return WorkflowProtoMapping.ToProto(await Workflows(request.AccountId).ApproveRequest(Caller(context), answer, context.CancellationToken));
        }
        catch (Exception e) when (errors.TryMap(e, context, out var mapped))
        {
            throw mapped;
        }
    }

    [Authorize(Policy = GatewayPolicies.RejectRequest)]
    public override async Task<RequestAnswerReply> RejectRequest(RejectRequestRequest request, ServerCallContext context)
    {
        try
        {
            var answer = new AnswerRequest(Required(request.RequestId, "request_id"), Optional(request.Reason), Optional(request.IdempotencyKey));
            return WorkflowProtoMapping.ToProto(await Workflows(request.AccountId).RejectRequest(Caller(context), answer, context.CancellationToken));
        }
        catch (Exception e) when (errors.TryMap(e, context, out var mapped))
        {
            throw mapped;
        }
    }

    [Authorize(Policy = GatewayPolicies.FileAppeal)]
    public override async Task<FileAppealReply> FileAppeal(V1.FileAppealRequest request, ServerCallContext context)
    {
        try
        {
            var appeal = new Abstractions.FileAppealRequest(Required(request.LockId, "lock_id"), Required(request.Statement, "statement"), Optional(request.IdempotencyKey));
            var result = await Workflows(request.AccountId).FileAppeal(Caller(context), appeal, context.CancellationToken);
            return new FileAppealReply { Appeal = WorkflowProtoMapping.ToProto(result.Appeal), Account = ProtoMapping.ToProto(result.Account), Version = result.Version };
        }
        catch (Exception e) when (errors.TryMap(e, context, out var mapped))
        {
            throw mapped;
        }
    }

    [Authorize(Policy = GatewayPolicies.DecideAppeal)]
    public override async Task<DecideAppealReply> DecideAppeal(V1.DecideAppealRequest request, ServerCallContext context)
    {
        try
        {
            var decide = new Abstractions.DecideAppealRequest(
                Required(request.AppealId, "appeal_id"), WorkflowProtoMapping.ToGrain(request.Decision), Required(request.Reason, "reason"), Optional(request.IdempotencyKey));
            var result = await Workflows(request.AccountId).DecideAppeal(Caller(context), decide, context.CancellationToken);
            var reply = new DecideAppealReply
            {
                AppealId = result.AppealId,
                Decision = WorkflowProtoMapping.ToProto(result.Decision),
                Account = ProtoMapping.ToProto(result.Account),
                Version = result.Version,
            };
            reply.LiftedLockIds.Add(result.LiftedLockIds);
            return reply;
        }
        catch (Exception e) when (errors.TryMap(e, context, out var mapped))
        {
            throw mapped;
        }
    }

    [Authorize(Policy = GatewayPolicies.LabelAutomaticLock)]
    public override async Task<LabelAutomaticLockReply> LabelAutomaticLock(LabelAutomaticLockRequest request, ServerCallContext context)
    {
        try
        {
            var label = new LabelLockRequest(Required(request.LockId, "lock_id"), WorkflowProtoMapping.ToGrain(request.Label), Optional(request.Note), Optional(request.IdempotencyKey));
            var result = await Workflows(request.AccountId).LabelAutomaticLock(Caller(context), label, context.CancellationToken);
            return new LabelAutomaticLockReply
            {
                LockId = result.LockId,
                Rule = (V1.LockReason)(int)result.Rule,
                Label = WorkflowProtoMapping.ToProto(result.Label),
                Account = ProtoMapping.ToProto(result.Account),
                Version = result.Version,
            };
        }
        catch (Exception e) when (errors.TryMap(e, context, out var mapped))
        {
            throw mapped;
        }
    }

    [Authorize(Policy = GatewayPolicies.RecordAuditVerdict)]
    public override async Task<RecordAuditVerdictReply> RecordAuditVerdict(RecordAuditVerdictRequest request, ServerCallContext context)
    {
        try
        {
            if (request.ActionSeq <= 0)
            {
                throw GatewayErrors.InvalidArgument("action_seq is 1 or more.");
            }

            var verdict = request.Verdict switch
            {
                V1.AuditVerdict.Correct => Abstractions.AuditVerdict.Correct,
                V1.AuditVerdict.Incorrect => Abstractions.AuditVerdict.Incorrect,
                _ => throw GatewayErrors.InvalidArgument($"verdict {request.Verdict} is not a valid value (UNSPECIFIED is refused)."),
            };
            var record = new AuditVerdictRequest(request.ActionSeq, verdict, Required(request.GuidelineRef, "guideline_ref"), Optional(request.Note), Optional(request.IdempotencyKey));
            var result = await Workflows(request.AccountId).RecordAuditVerdict(Caller(context), record, context.CancellationToken);
            return new RecordAuditVerdictReply
            {
                EventId = request.AccountId + ":" + result.ActionSeq.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ActionSeq = result.ActionSeq,
                ActionType = result.ActionType,
                ActionActor = result.ActionActor,
                Verdict = (V1.AuditVerdict)(int)result.Verdict,
                Version = result.Version,
            };
        }
        catch (Exception e) when (errors.TryMap(e, context, out var mapped))
        {
            throw mapped;
        }
    }

    // The same grain (same key, same activation) under its workflow interface.
    private IAccountWorkflowGrain Workflows(string accountId) => Account(accountId).AsReference<IAccountWorkflowGrain>();

    private static string Required(string value, string field) =>
        value.Length > 0 ? value : throw GatewayErrors.InvalidArgument($"{field} is required.");
}
