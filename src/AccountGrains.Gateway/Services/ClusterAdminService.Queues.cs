using AccountGrains.Contracts.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace AccountGrains.Gateway;

/// <summary>The cross-account queues, from the reporting projection.</summary>
internal sealed partial class ClusterAdminService
{
    [Authorize(Policy = GatewayPolicies.ListAuditQueue)]
    public override Task<ListAuditQueueReply> ListAuditQueue(ListAuditQueueRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "ListAuditQueue is not built yet."));

    [Authorize(Policy = GatewayPolicies.ListPendingRequests)]
    public override Task<ListPendingRequestsReply> ListPendingRequests(ListPendingRequestsRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "ListPendingRequests is not built yet."));

    [Authorize(Policy = GatewayPolicies.ListOpenAppeals)]
    public override Task<ListOpenAppealsReply> ListOpenAppeals(ListOpenAppealsRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "ListOpenAppeals is not built yet."));
}
