using AccountGrains.Contracts.V1;
using AccountGrains.Domain;
using AccountGrains.Grains;
using AccountGrains.Grpc;
using AccountGrains.Runtime;
using Microsoft.Extensions.Options;

namespace AccountGrains.Gateway;

/// <summary>
/// <c>accountgrains.v1.AccountIntegrity</c>: each call validated, turned into a domain command or query
/// and run as a turn of the account's grain. The caller (authenticated by <see cref="AuthInterceptor"/>)
/// is the actor written into history.
/// </summary>
internal sealed partial class AccountIntegrityService(IGrainFactory grains, AccountHistoryReader history, IOptions<AccountRulesOptions> rules) : IGrpcService
{
    private readonly AccountRulesOptions _rules = rules.Value;

    public void Bind(GrpcServiceBuilder builder)
    {
        builder
            .AddUnary(AccountIntegrityMethods.Verify, VerifyAsync)
            .AddUnary(AccountIntegrityMethods.ReportSignal, ReportSignalAsync)
            .AddUnary(AccountIntegrityMethods.Lock, LockAsync)
            .AddUnary(AccountIntegrityMethods.Unlock, UnlockAsync)
            .AddUnary(AccountIntegrityMethods.StartRecovery, StartRecoveryAsync)
            .AddUnary(AccountIntegrityMethods.CompleteRecovery, CompleteRecoveryAsync)
            .AddUnary(AccountIntegrityMethods.GrantVerification, GrantVerificationAsync)
            .AddUnary(AccountIntegrityMethods.RevokeVerification, RevokeVerificationAsync)
            .AddUnary(AccountIntegrityMethods.SetHighProfile, SetHighProfileAsync)
            .AddUnary(AccountIntegrityMethods.GetAccount, GetAccountAsync)
            .AddUnary(AccountIntegrityMethods.GetHistory, GetHistoryAsync);
    }

    // The hot path: one grain turn reading warm state; the reply is the only allocation we add.
    private async Task<VerifyReply> VerifyAsync(VerifyRequest request, ServerCallContext context)
    {
        var account = Grain(request.AccountId);
        var result = await account.VerifyAsync(ProtoMapping.ToDomain(request.Action), Optional(request.DeviceId), context.CancellationToken);
        return ProtoMapping.ToProto(result);
    }

    private async Task<ReportSignalReply> ReportSignalAsync(ReportSignalRequest request, ServerCallContext context)
    {
        var command = new ReportSignal(Caller(context), ProtoMapping.ToDomain(request.Kind), Optional(request.DeviceId)) { IdempotencyKey = Optional(request.IdempotencyKey) };
        var (outcome, account) = await ExecuteAsync<SignalOutcome>(request.AccountId, command, context);
        return new ReportSignalReply { Account = account, Version = outcome.Version };
    }

    private async Task<LockReply> LockAsync(LockRequest request, ServerCallContext context)
    {
        TimeSpan? duration = request.Duration is null || request.Duration.ToTimeSpan() == TimeSpan.Zero ? null : request.Duration.ToTimeSpan();
        if (duration < TimeSpan.Zero)
        {
            throw GatewayErrors.InvalidArgument("duration must not be negative.");
        }

        var command = new LockAccount(Caller(context), ProtoMapping.ToDomain(request.Reason), duration, Optional(request.Note)) { IdempotencyKey = Optional(request.IdempotencyKey) };
        var (outcome, account) = await ExecuteAsync<LockOutcome>(request.AccountId, command, context);
        return new LockReply { LockId = outcome.LockId, Account = account, Version = outcome.Version };
    }

    private async Task<UnlockReply> UnlockAsync(UnlockRequest request, ServerCallContext context)
    {
        var caller = Caller(context);
        var note = Optional(request.Note);
        UnlockAccount command = request.TargetCase switch
        {
            UnlockRequest.TargetOneofCase.LockId when request.LockId.Length > 0 => new(caller, UnlockScope.ById, LockId: request.LockId, Note: note),
            UnlockRequest.TargetOneofCase.Reason => new(caller, UnlockScope.ByReason, LockReason: ProtoMapping.ToDomain(request.Reason), Note: note),
            UnlockRequest.TargetOneofCase.All when request.All => new(caller, UnlockScope.All, Note: note),
            _ => throw GatewayErrors.InvalidArgument("Name what to unlock: lock_id, reason, or all = true."),
        };
        var (outcome, account) = await ExecuteAsync<UnlockOutcome>(request.AccountId, command with { IdempotencyKey = Optional(request.IdempotencyKey) }, context);
        return new UnlockReply { Account = account, Version = outcome.Version };
    }

    private async Task<StartRecoveryReply> StartRecoveryAsync(StartRecoveryRequest request, ServerCallContext context)
    {
        var command = new StartRecovery(Caller(context), ProtoMapping.ToDomain(request.Channel)) { IdempotencyKey = Optional(request.IdempotencyKey) };
        var (outcome, _) = await ExecuteAsync<RecoveryStartedOutcome>(request.AccountId, command, context);
        return new StartRecoveryReply
        {
            AttemptId = outcome.AttemptId,
            Code = outcome.Code ?? "", // a replayed start never carries the code again
            ExpiresAt = ProtoMapping.ToTimestamp(outcome.ExpiresAt),
        };
    }

    private async Task<CompleteRecoveryReply> CompleteRecoveryAsync(CompleteRecoveryRequest request, ServerCallContext context)
    {
        if (request.AttemptId.Length == 0 || request.Code.Length == 0)
        {
            throw GatewayErrors.InvalidArgument("attempt_id and code are required.");
        }

        var command = new CompleteRecovery(Caller(context), request.AttemptId, request.Code);
        var (outcome, account) = await ExecuteAsync<RecoveryCompletionOutcome>(request.AccountId, command, context);
        return new CompleteRecoveryReply
        {
            Restored = outcome.Status == RecoveryCompletionStatus.Completed,
            TriesLeft = outcome.TriesLeft,
            Account = account,
        };
    }

    private async Task<GrantVerificationReply> GrantVerificationAsync(GrantVerificationRequest request, ServerCallContext context)
    {
        var command = new GrantVerification(Caller(context), request.Category) { IdempotencyKey = Optional(request.IdempotencyKey) };
        var (outcome, account) = await ExecuteAsync<VerificationOutcome>(request.AccountId, command, context);
        return new GrantVerificationReply { Account = account, Version = outcome.Version };
    }

    private async Task<RevokeVerificationReply> RevokeVerificationAsync(RevokeVerificationRequest request, ServerCallContext context)
    {
        var command = new RevokeVerification(Caller(context), request.Reason) { IdempotencyKey = Optional(request.IdempotencyKey) };
        var (outcome, account) = await ExecuteAsync<VerificationOutcome>(request.AccountId, command, context);
        return new RevokeVerificationReply { Account = account, Version = outcome.Version };
    }

    private async Task<SetHighProfileReply> SetHighProfileAsync(SetHighProfileRequest request, ServerCallContext context)
    {
        var command = new SetHighProfile(Caller(context), request.HighProfile) { IdempotencyKey = Optional(request.IdempotencyKey) };
        var (outcome, account) = await ExecuteAsync<HighProfileOutcome>(request.AccountId, command, context);
        return new SetHighProfileReply { Account = account, Version = outcome.Version };
    }

    private async Task<Account> GetAccountAsync(GetAccountRequest request, ServerCallContext context)
    {
        var view = await Grain(request.AccountId).GetViewAsync(context.CancellationToken);
        return ProtoMapping.ToProto(request.AccountId, view, _rules);
    }

    private async Task<Contracts.V1.HistoryPage> GetHistoryAsync(GetHistoryRequest request, ServerCallContext context)
    {
        ValidateAccountId(request.AccountId);
        if (request.AfterSeq < 0 || request.PageSize < 0)
        {
            throw GatewayErrors.InvalidArgument("after_seq and page_size must not be negative.");
        }

        var page = await history.ReadAsync(request.AccountId, request.AfterSeq, request.PageSize, context.CancellationToken);
        var reply = new Contracts.V1.HistoryPage { NextAfterSeq = page.NextAfterSeq, HasMore = page.HasMore };
        foreach (var e in page.Events)
        {
            reply.Events.Add(new HistoryEvent
            {
                Seq = e.Seq,
                Type = e.Type,
                At = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(e.At),
                Actor = e.Actor,
                Reason = e.Reason ?? "",
                DataJson = e.DataJson,
            });
        }

        return reply;
    }

    private async Task<(TOutcome Outcome, Account Account)> ExecuteAsync<TOutcome>(string accountId, AccountCommand command, ServerCallContext context)
        where TOutcome : CommandOutcome
    {
        var result = await Grain(accountId).ExecuteAndViewAsync(command, context.CancellationToken);
        if (result.Decision.Error is { } error)
        {
            throw GatewayErrors.FromDomain(error);
        }

        var outcome = result.Decision.Outcome as TOutcome
            ?? throw new InvalidOperationException($"{command.GetType().Name} decided {result.Decision.Outcome?.GetType().Name}, not {typeof(TOutcome).Name}.");
        return (outcome, ProtoMapping.ToProto(accountId, result.View, _rules));
    }

    private GrainReference<AccountGrain> Grain(string accountId)
    {
        ValidateAccountId(accountId);
        return grains.GetGrain<AccountGrain>(accountId);
    }

    private static void ValidateAccountId(string accountId)
    {
        if (!AccountIds.IsValid(accountId))
        {
            throw GatewayErrors.InvalidArgument("account_id must be 1-64 characters of [A-Za-z0-9_.-].");
        }
    }

    private static Actor Caller(ServerCallContext context) => AuthInterceptor.CallerOf(context);

    private static string? Optional(string value) => value.Length == 0 ? null : value;
}
