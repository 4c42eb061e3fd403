using AccountGrains.Abstractions;
using AccountGrains.Contracts.V1;
using AccountGrains.Storage;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace AccountGrains.Gateway;

/// <summary><c>VerifyHistory</c>: the tamper-evident chain recomputed from the store, not from any grain's memory.</summary>
internal sealed partial class ClusterAdminService
{
    [Authorize(Policy = GatewayPolicies.VerifyHistory)]
    public override async Task<VerifyHistoryReply> VerifyHistory(VerifyHistoryRequest request, ServerCallContext context)
    {
        if (!AccountIds.IsValid(request.AccountId))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "An account id is 1-64 characters of [A-Za-z0-9_.-]."));
        }

        var store = context.GetHttpContext().RequestServices.GetService<IEventStore>()
            ?? throw new RpcException(new Status(StatusCode.Unimplemented, "This silo has no event store."));
        try
        {
            var report = await EventChainVerifier.VerifyAsync(store, request.AccountId, cancellationToken: context.CancellationToken);
            return ToReply(report);
        }
        catch (StoreUnavailableException)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "The event store is unavailable; retry."));
        }
    }

    private static VerifyHistoryReply ToReply(ChainReport report)
    {
        var reply = new VerifyHistoryReply
        {
            AccountId = report.AccountId,
            Ok = report.Ok,
            Events = report.Events,
            UnhashedPrefix = report.UnhashedPrefix,
            LastSeq = report.LastSeq,
            HeadHash = ByteString.CopyFrom(report.HeadHash.Span),
        };
        if (report.FirstBroken is { } broken)
        {
            reply.FirstBroken = new Contracts.V1.ChainBreak
            {
                Seq = broken.Seq,
                Kind = broken.Kind switch
                {
                    Storage.ChainBreak.HashMismatch => ChainBreakKind.HashMismatch,
                    Storage.ChainBreak.SeqGap => ChainBreakKind.SeqGap,
                    Storage.ChainBreak.MissingHash => ChainBreakKind.MissingHash,
                    Storage.ChainBreak.Truncated => ChainBreakKind.Truncated,
                    _ => ChainBreakKind.Unspecified,
                },
                ExpectedHash = ByteString.CopyFrom(broken.Expected.Span),
                StoredHash = ByteString.CopyFrom(broken.Stored.Span),
            };
        }

        return reply;
    }
}
