using System.Globalization;
using AccountGrains.Contracts.V1;
using AccountGrains.Storage;
using AccountGrains.Storage.Reports;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace AccountGrains.Gateway;

/// <summary>
/// The cross-account queues, from the reporting projection's queue table (<see cref="IReportStore.ReadQueueAsync"/>):
/// oldest first by the log position that queued an item, which is also the page token.
/// </summary>
internal sealed partial class ClusterAdminService
{
    private const int DefaultQueuePage = 100;
    private const int MaxQueuePage = 1000;

    [Authorize(Policy = GatewayPolicies.ListAuditQueue)]
    public override async Task<ListAuditQueueReply> ListAuditQueue(ListAuditQueueRequest request, ServerCallContext context)
    {
        var (items, next) = await ReadQueueAsync(ReportQueues.Audits, request.PageSize, request.PageToken, context);
        var reply = new ListAuditQueueReply { NextPageToken = next };
        foreach (var item in items)
        {
            var entry = QueuePayloads.ReadAudit(item.Payload);
            reply.Items.Add(new AuditQueueItem
            {
                AccountId = item.AccountId,
                ActionSeq = entry.Seq,
                EventId = Domain.AuditSampling.EventId(item.AccountId, entry.Seq),
                ActionType = entry.EventType,
                Actor = entry.Actor,
                Role = entry.Role,
                At = Timestamp.FromDateTimeOffset(entry.At),
                Reason = entry.Reason ?? "",
                Position = item.Position,
            });
        }

        return reply;
    }

    [Authorize(Policy = GatewayPolicies.ListPendingRequests)]
    public override async Task<ListPendingRequestsReply> ListPendingRequests(ListPendingRequestsRequest request, ServerCallContext context)
    {
        var (items, next) = await ReadQueueAsync(ReportQueues.Requests, request.PageSize, request.PageToken, context);
        var reply = new ListPendingRequestsReply { NextPageToken = next };
        foreach (var item in items)
        {
            var entry = QueuePayloads.ReadRequest(item.Payload);
            var pending = new PendingRequest
            {
                RequestId = entry.RequestId,
                Action = entry.Action == "REVOKE_VERIFICATION" ? DualControlAction.RevokeVerification : DualControlAction.Unlock,
                RequestedBy = entry.RequestedBy,
                RequestedAt = Timestamp.FromDateTimeOffset(entry.RequestedAt),
                ExpiresAt = Timestamp.FromDateTimeOffset(entry.ExpiresAt),
                Reason = entry.Reason ?? "",
            };
            pending.LockIds.Add(entry.LockIds);
            reply.Requests.Add(new QueuedRequest { AccountId = item.AccountId, Request = pending });
        }

        return reply;
    }

    [Authorize(Policy = GatewayPolicies.ListOpenAppeals)]
    public override async Task<ListOpenAppealsReply> ListOpenAppeals(ListOpenAppealsRequest request, ServerCallContext context)
    {
        var (items, next) = await ReadQueueAsync(ReportQueues.Appeals, request.PageSize, request.PageToken, context);
        var reply = new ListOpenAppealsReply { NextPageToken = next };
        foreach (var item in items)
        {
            var entry = QueuePayloads.ReadAppeal(item.Payload);
            reply.Appeals.Add(new QueuedAppeal
            {
                AccountId = item.AccountId,
                Appeal = new Appeal
                {
                    AppealId = entry.AppealId,
                    LockId = entry.LockId,
                    FiledBy = entry.FiledBy,
                    FiledAt = Timestamp.FromDateTimeOffset(entry.FiledAt),
                    Statement = entry.Statement,
                },
            });
        }

        return reply;
    }

    // One more item than the page is read, so the last page says so with an empty token.
    private static async Task<(IReadOnlyList<QueueItem> Items, string NextPageToken)> ReadQueueAsync(string queue, int pageSize, string pageToken, ServerCallContext context)
    {
        if (pageSize < 0)
        {
            throw GatewayErrors.InvalidArgument("page_size may not be negative.");
        }

        var after = 0L;
        if (pageToken.Length > 0 && (!long.TryParse(pageToken, NumberStyles.None, CultureInfo.InvariantCulture, out after) || after <= 0))
        {
            throw GatewayErrors.InvalidArgument("page_token is not one a previous reply gave.");
        }

        var size = pageSize == 0 ? DefaultQueuePage : Math.Min(pageSize, MaxQueuePage);
        var services = context.GetHttpContext().RequestServices;
        var reports = services.GetService<IReportStore>()
            ?? throw new RpcException(new Status(StatusCode.Unimplemented, "This silo has no reporting projection."));
        var now = (services.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow();
        try
        {
            var items = await reports.ReadQueueAsync(queue, after, now, size + 1, context.CancellationToken);
            return items.Count > size
                ? ([.. items.Take(size)], items[size - 1].Position.ToString(CultureInfo.InvariantCulture))
                : (items, "");
        }
        catch (StoreUnavailableException)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "The report store is unavailable; retry."));
        }
    }
}
