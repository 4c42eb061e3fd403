using AccountGrains.Abstractions;
using AccountGrains.Contracts.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using V1 = AccountGrains.Contracts.V1;

namespace AccountGrains.Gateway;

/// <summary>
/// <c>accountgrains.v1.AccountIntegrity</c>: each call validated, mapped onto the account's grain with the
/// call's cancellation token (its deadline), and mapped back. Who may call is each method's policy; the grain
/// checks the caller's role again. Each method maps failures itself (<see cref="CallErrors"/>: no interceptor on the hot path).
/// </summary>
internal sealed partial class AccountIntegrityService(AccountGrainReferences accounts, EventWatcher watcher, CallErrors errors) : AccountIntegrity.AccountIntegrityBase
{
    // The hot path: one grain call reading warm state; the reply is the only allocation added here. The call's token
    // is not passed: a warm Verify never waits, so cancelling it saves nothing, while Orleans would track every
    // cancellable token per call; the caller's deadline still holds (grpc-dotnet ends the call at it) and a cold
    // activation is bounded by the grain-call timeout (the server's default deadline).
    [Authorize(Policy = GatewayPolicies.WatchEvents)]
    public override Task WatchEvents(WatchEventsRequest request, IServerStreamWriter<V1.AccountEvent> responseStream, ServerCallContext context) =>
        watcher.RunAsync(request, responseStream, context, context.CancellationToken);

    [Authorize(Policy = GatewayPolicies.Verify)]
    public override async Task<VerifyReply> Verify(VerifyRequest request, ServerCallContext context)
    {
        try
        {
            var action = ProtoMapping.ToGrain(request.Action);
            var result = await Account(request.AccountId).Verify(action, Optional(request.DeviceId), CancellationToken.None);
            return ProtoMapping.ToProto(result);
        }
        catch (Exception e) when (errors.TryMap(e, context, out var mapped))
        {
            throw mapped;
        }
    }

    [Authorize(Policy = GatewayPolicies.ReportSignal)]
    public override async Task<ReportSignalReply> ReportSignal(ReportSignalRequest request, ServerCallContext context)
    {
        try
        {
            var signal = new SignalRequest(ProtoMapping.ToGrain(request.Kind), Optional(request.DeviceId), Optional(request.IdempotencyKey));
            var result = await Account(request.AccountId).ReportSignal(Caller(context), signal, context.CancellationToken);
            return new ReportSignalReply { Account = ProtoMapping.ToProto(result.Account), Version = result.Version };
        }
        catch (Exception e) when (errors.TryMap(e, context, out var mapped))
        {
            throw mapped;
        }
    }

    [Authorize(Policy = GatewayPolicies.Lock)]
    public override async Task<LockReply> Lock(V1.LockRequest request, ServerCallContext context)
    {
        try
        {
            var lockRequest = new Abstractions.LockRequest(ProtoMapping.ToGrain(request.Reason), ProtoMapping.ToGrain(request.Duration), Optional(request.Note), Optional(request.IdempotencyKey));
            var result = await Account(request.AccountId).Lock(Caller(context), lockRequest, context.CancellationToken);
            return new LockReply { LockId = result.LockId, Account = ProtoMapping.ToProto(result.Account), Version = result.Version };
        }
        catch (Exception e) when (errors.TryMap(e, context, out var mapped))
        {
            throw mapped;
        }
    }

    [Authorize(Policy = GatewayPolicies.Unlock)]
    public override async Task<UnlockReply> Unlock(V1.UnlockRequest request, ServerCallContext context)
    {
        try
        {
            var note = Optional(request.Note);
            var key = Optional(request.IdempotencyKey);
            Abstractions.UnlockRequest unlock = request.TargetCase switch
            {
                V1.UnlockRequest.TargetOneofCase.LockId when request.LockId.Length > 0 => new(UnlockScope.ById, LockId: request.LockId, Note: note, IdempotencyKey: key),
                V1.UnlockRequest.TargetOneofCase.Reason => new(UnlockScope.ByReason, Reason: ProtoMapping.ToGrain(request.Reason), Note: note, IdempotencyKey: key),
                V1.UnlockRequest.TargetOneofCase.All when request.All => new(UnlockScope.All, Note: note, IdempotencyKey: key),
                _ => throw GatewayErrors.InvalidArgument("Name what to unlock: lock_id, reason, or all = true."),
            };
            var result = await Account(request.AccountId).Unlock(Caller(context), unlock, context.CancellationToken);
            return new UnlockReply { Account = ProtoMapping.ToProto(result.Account), Version = result.Version, PendingRequest = WorkflowProtoMapping.ToProto(result.Pending) };
        }
        catch (Exception e) when (errors.TryMap(e, context, out var mapped))
        {
            throw mapped;
        }
    }

    [Authorize(Policy = GatewayPolicies.StartRecovery)]
    public override async Task<StartRecoveryReply> StartRecovery(V1.StartRecoveryRequest request, ServerCallContext context)
    {
        try
        {
            var start = new Abstractions.StartRecoveryRequest(ProtoMapping.ToGrain(request.Channel), Optional(request.IdempotencyKey));
            var result = await Account(request.AccountId).StartRecovery(Caller(context), start, context.CancellationToken);
            return new StartRecoveryReply
            {
                AttemptId = result.AttemptId,
                Code = result.Code ?? "", // a replayed start never carries the code again
                ExpiresAt = ProtoMapping.ToTimestamp(result.ExpiresAt),
            };
        }
        catch (Exception e) when (errors.TryMap(e, context, out var mapped))
        {
            throw mapped;
        }
    }

    [Authorize(Policy = GatewayPolicies.CompleteRecovery)]
    public override async Task<CompleteRecoveryReply> CompleteRecovery(V1.CompleteRecoveryRequest request, ServerCallContext context)
    {
        try
        {
            if (request.AttemptId.Length == 0 || request.Code.Length == 0)
            {
                throw GatewayErrors.InvalidArgument("attempt_id and code are required.");
            }

            var complete = new Abstractions.CompleteRecoveryRequest(request.AttemptId, request.Code);
            var result = await Account(request.AccountId).CompleteRecovery(Caller(context), complete, context.CancellationToken);
            return new CompleteRecoveryReply
            {
                Restored = result.Status == RecoveryCompletionStatus.Completed,
                TriesLeft = result.TriesLeft,
                Account = ProtoMapping.ToProto(result.Account),
            };
        }
        catch (Exception e) when (errors.TryMap(e, context, out var mapped))
        {
            throw mapped;
        }
    }

    [Authorize(Policy = GatewayPolicies.GrantVerification)]
    public override async Task<GrantVerificationReply> GrantVerification(V1.GrantVerificationRequest request, ServerCallContext context)
    {
        try
        {
            var grant = new Abstractions.GrantVerificationRequest(request.Category, Optional(request.IdempotencyKey));
            var result = await Account(request.AccountId).GrantVerification(Caller(context), grant, context.CancellationToken);
            return new GrantVerificationReply { Account = ProtoMapping.ToProto(result.Account), Version = result.Version };
        }
        catch (Exception e) when (errors.TryMap(e, context, out var mapped))
        {
            throw mapped;
        }
    }

    [Authorize(Policy = GatewayPolicies.RevokeVerification)]
    public override async Task<RevokeVerificationReply> RevokeVerification(V1.RevokeVerificationRequest request, ServerCallContext context)
    {
        try
        {
            var revoke = new Abstractions.RevokeVerificationRequest(request.Reason, Optional(request.IdempotencyKey));
            var result = await Account(request.AccountId).RevokeVerification(Caller(context), revoke, context.CancellationToken);
            return new RevokeVerificationReply { Account = ProtoMapping.ToProto(result.Account), Version = result.Version, PendingRequest = WorkflowProtoMapping.ToProto(result.Pending) };
        }
        catch (Exception e) when (errors.TryMap(e, context, out var mapped))
        {
            throw mapped;
        }
    }

    [Authorize(Policy = GatewayPolicies.SetHighProfile)]
    public override async Task<SetHighProfileReply> SetHighProfile(V1.SetHighProfileRequest request, ServerCallContext context)
    {
        try
        {
            var flag = new Abstractions.SetHighProfileRequest(request.HighProfile, Optional(request.IdempotencyKey));
            var result = await Account(request.AccountId).SetHighProfile(Caller(context), flag, context.CancellationToken);
            return new SetHighProfileReply { Account = ProtoMapping.ToProto(result.Account), Version = result.Version };
        }
        catch (Exception e) when (errors.TryMap(e, context, out var mapped))
        {
            throw mapped;
        }
    }

    [Authorize(Policy = GatewayPolicies.GetAccount)]
    public override async Task<V1.Account> GetAccount(GetAccountRequest request, ServerCallContext context)
    {
        try
        {
            var posture = await Account(request.AccountId).GetAccount(Caller(context), context.CancellationToken);
            return ProtoMapping.ToProto(posture);
        }
        catch (Exception e) when (errors.TryMap(e, context, out var mapped))
        {
            throw mapped;
        }
    }

    [Authorize(Policy = GatewayPolicies.GetHistory)]
    public override async Task<V1.HistoryPage> GetHistory(GetHistoryRequest request, ServerCallContext context)
    {
        try
        {
            var account = Account(request.AccountId);
            if (request.AfterSeq < 0 || request.PageSize < 0)
            {
                throw GatewayErrors.InvalidArgument("after_seq and page_size must not be negative.");
            }

            var page = await account.GetHistory(Caller(context), request.AfterSeq, request.PageSize, context.CancellationToken);
            return ProtoMapping.ToProto(page);
        }
        catch (Exception e) when (errors.TryMap(e, context, out var mapped))
        {
            throw mapped;
        }
    }

    private IAccountGrain Account(string accountId) => AccountIds.IsValid(accountId)
        ? accounts.For(accountId)
        : throw GatewayErrors.InvalidArgument("account_id must be 1-64 characters of [A-Za-z0-9_.-].");

    private static Caller Caller(ServerCallContext context) => GatewayClaims.CallerOf(context.GetHttpContext());

    private static string? Optional(string value) => value.Length == 0 ? null : value;
}
