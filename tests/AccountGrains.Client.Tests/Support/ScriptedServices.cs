using AccountGrains.Contracts.V1;
using Grpc.Core;

namespace AccountGrains.Client.Tests.Support;

/// <summary>accountgrains.v1.AccountIntegrity answering every method by the <see cref="Script"/>.</summary>
public sealed class ScriptedAccountIntegrity(Script script) : AccountIntegrity.AccountIntegrityBase
{
    /// <summary>The history the server holds for any account.</summary>
    public const int HistoryLength = 5;

    public override Task<VerifyReply> Verify(VerifyRequest request, ServerCallContext context) =>
        script.AnswerAsync(context, new VerifyReply { Decision = Decision.Allow });

    public override Task<ReportSignalReply> ReportSignal(ReportSignalRequest request, ServerCallContext context) =>
        script.AnswerAsync(context, new ReportSignalReply());

    public override Task<LockReply> Lock(LockRequest request, ServerCallContext context) =>
        script.AnswerAsync(context, new LockReply { LockId = "lock-1" });

    public override Task<UnlockReply> Unlock(UnlockRequest request, ServerCallContext context) =>
        script.AnswerAsync(context, new UnlockReply());

    public override Task<StartRecoveryReply> StartRecovery(StartRecoveryRequest request, ServerCallContext context) =>
        script.AnswerAsync(context, new StartRecoveryReply { AttemptId = "attempt-1" });

    public override Task<CompleteRecoveryReply> CompleteRecovery(CompleteRecoveryRequest request, ServerCallContext context) =>
        script.AnswerAsync(context, new CompleteRecoveryReply());

    public override Task<GrantVerificationReply> GrantVerification(GrantVerificationRequest request, ServerCallContext context) =>
        script.AnswerAsync(context, new GrantVerificationReply());

    public override Task<RevokeVerificationReply> RevokeVerification(RevokeVerificationRequest request, ServerCallContext context) =>
        script.AnswerAsync(context, new RevokeVerificationReply());

    public override Task<SetHighProfileReply> SetHighProfile(SetHighProfileRequest request, ServerCallContext context) =>
        script.AnswerAsync(context, new SetHighProfileReply());

    // The workflow methods echo what they were sent, so a test sees the client's request as the server got it.
    public override Task<RequestAnswerReply> ApproveRequest(ApproveRequestRequest request, ServerCallContext context) =>
        script.AnswerAsync(context, new RequestAnswerReply { RequestId = request.RequestId, Approved = true, Account = new Account { AccountId = request.AccountId } });

    public override Task<RequestAnswerReply> RejectRequest(RejectRequestRequest request, ServerCallContext context) =>
        script.AnswerAsync(context, new RequestAnswerReply { RequestId = request.RequestId, Approved = false, Account = new Account { AccountId = request.AccountId } });

    public override Task<FileAppealReply> FileAppeal(FileAppealRequest request, ServerCallContext context) =>
        script.AnswerAsync(context, new FileAppealReply { Appeal = new Appeal { AppealId = "appeal-1", LockId = request.LockId, Statement = request.Statement } });

    public override Task<DecideAppealReply> DecideAppeal(DecideAppealRequest request, ServerCallContext context) =>
        script.AnswerAsync(context, new DecideAppealReply { AppealId = request.AppealId, Decision = request.Decision });

    public override Task<LabelAutomaticLockReply> LabelAutomaticLock(LabelAutomaticLockRequest request, ServerCallContext context) =>
        script.AnswerAsync(context, new LabelAutomaticLockReply { LockId = request.LockId, Label = request.Label, Rule = LockReason.BruteForce });

    public override Task<Account> GetAccount(GetAccountRequest request, ServerCallContext context) =>
        script.AnswerAsync(context, new Account { AccountId = request.AccountId });

    /// <summary>Events 1..<see cref="HistoryLength"/>, two per page.</summary>
    public override Task<HistoryPage> GetHistory(GetHistoryRequest request, ServerCallContext context)
    {
        var page = new HistoryPage();
        for (var seq = request.AfterSeq + 1; seq <= Math.Min(request.AfterSeq + 2, HistoryLength); seq++)
        {
            page.Events.Add(new HistoryEvent { Seq = seq });
        }

        page.HasMore = request.AfterSeq + 2 < HistoryLength;
        page.NextAfterSeq = request.AfterSeq + page.Events.Count;
        return script.AnswerAsync(context, page);
    }

    /// <summary>The log: positions 10, 20 … 100 (with gaps, as real ones may have); each stream breaks with UNAVAILABLE after three events.</summary>
    public override async Task WatchEvents(WatchEventsRequest request, IServerStreamWriter<AccountEvent> responseStream, ServerCallContext context)
    {
        script.WatchedFrom.Enqueue(request.AfterPosition);
        await script.AnswerAsync(context, 0);
        var sent = 0;
        for (var position = (request.AfterPosition / 10 + 1) * 10; position <= 100; position += 10)
        {
            if (sent++ == 3)
            {
                throw new RpcException(new Status(StatusCode.Unavailable, "the silo is stopping (scripted)"));
            }

            await responseStream.WriteAsync(new AccountEvent { Position = position, AccountId = "alice" }, context.CancellationToken);
        }

        await Task.Delay(Timeout.Infinite, context.CancellationToken);
    }
}

/// <summary>accountgrains.v1.ClusterAdmin answering by the <see cref="Script"/>.</summary>
public sealed class ScriptedClusterAdmin(Script script) : ClusterAdmin.ClusterAdminBase
{
    public override Task<ListSilosReply> ListSilos(ListSilosRequest request, ServerCallContext context) =>
        script.AnswerAsync(context, new ListSilosReply { AnsweredBy = "scripted" });

    public override Task<ListActivationsReply> ListActivations(ListActivationsRequest request, ServerCallContext context) =>
        script.AnswerAsync(context, new ListActivationsReply { SiloId = "scripted" });

    public override Task<VerifyHistoryReply> VerifyHistory(VerifyHistoryRequest request, ServerCallContext context) =>
        script.AnswerAsync(context, new VerifyHistoryReply { AccountId = request.AccountId, Ok = true, LastSeq = 3 });
}
