using AccountGrains.Abstractions;
using AccountGrains.Contracts.V1;
using AccountGrains.Storage;
using AccountGrains.Storage.Reports;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using OrleansSiloStatus = Orleans.Runtime.SiloStatus;
using V1 = AccountGrains.Contracts.V1;

namespace AccountGrains.Gateway;

/// <summary>
/// <c>accountgrains.v1.ClusterAdmin</c> for SREs (admin role), from Orleans' management grain: every silo in the
/// membership table, and the account grains active on the silo that answers; and the reports (admin and auditor),
/// from the reporting projection's tables (<see cref="IReportStore"/>).
/// </summary>
/// <remarks>
/// Membership times are Orleans' wall-clock UTC, so ages are measured against the system clock, not the host's
/// (possibly manual) <see cref="TimeProvider"/>. <c>lease_expired</c> is the PostgreSQL lease's, which Orleans does
/// not know: a silo Orleans declared dead is reported expired, every other one not.
/// </remarks>
internal sealed partial class ClusterAdminService(IGrainFactory grains, ILocalSiloDetails localSilo) : ClusterAdmin.ClusterAdminBase
{
    // Creating a reference activates nothing; its id's type is the account grain's, however the grain class is named.
    private readonly GrainType _accountType = grains.GetGrain<IAccountGrain>("type-probe").GetGrainId().Type;

    [Authorize(Policy = GatewayPolicies.ClusterAndReports)]
    public override async Task<ListSilosReply> ListSilos(ListSilosRequest request, ServerCallContext context)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var hosts = await management.GetDetailedHosts(onlyActive: false).WaitAsync(context.CancellationToken);
        var statistics = await management.GetSimpleGrainStatistics().WaitAsync(context.CancellationToken);
        // Every grain activation the silo holds (account grains are nearly all of them).
        var activations = statistics
            .GroupBy(s => s.SiloAddress)
            .ToDictionary(g => g.Key, g => (long)g.Sum(s => s.ActivationCount));

        var now = DateTime.UtcNow;
        var reply = new ListSilosReply { AnsweredBy = IdOf(localSilo.SiloAddress) };
        foreach (var host in hosts.OrderBy(h => h.StartTime))
        {
            var started = DateTime.SpecifyKind(host.StartTime, DateTimeKind.Utc);
            var alive = DateTime.SpecifyKind(host.IAmAliveTime > host.StartTime ? host.IAmAliveTime : host.StartTime, DateTimeKind.Utc);
            reply.Silos.Add(new SiloInfo
            {
                SiloId = IdOf(host.SiloAddress),
                Generation = host.SiloAddress.Generation,
                Address = host.SiloAddress.Endpoint.ToString(),
                Status = ToProto(host.Status),
                StartedAt = Timestamp.FromDateTime(started),
                Age = Duration.FromTimeSpan(NotNegative(now - started)),
                SinceHeartbeat = Duration.FromTimeSpan(NotNegative(now - alive)),
                ActivationCount = activations.GetValueOrDefault(host.SiloAddress),
                LeaseExpired = host.Status == OrleansSiloStatus.Dead,
            });
        }

        return reply;
    }

    [Authorize(Policy = GatewayPolicies.ClusterAndReports)]
    public override async Task<ListActivationsReply> ListActivations(ListActivationsRequest request, ServerCallContext context)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var local = localSilo.SiloAddress;
        var statistics = await management.GetDetailedGrainStatistics(hostsIds: [local]).WaitAsync(context.CancellationToken);
        var reply = new ListActivationsReply { SiloId = IdOf(local) };
        reply.AccountIds.Add(statistics.Where(s => s.GrainId.Type == _accountType).Select(s => s.GrainId.Key.ToString()).Order(StringComparer.Ordinal));
        return reply;
    }

    [Authorize(Policy = GatewayPolicies.Reports)]
    public override async Task<GetReportReply> GetReport(GetReportRequest request, ServerCallContext context)
    {
        var (from, to, top) = ReportMapping.Validate(request);
        // Resolved per call: a host without the reporting projection still serves the cluster methods.
        var reports = context.GetHttpContext().RequestServices.GetService<IReportStore>()
            ?? throw new RpcException(new Status(StatusCode.Unimplemented, "This silo has no reporting projection."));
        try
        {
            var rows = await reports.ReadReportAsync(from, to, context.CancellationToken);
            return ReportMapping.ToReply(rows, from, to, request.Granularity, top);
        }
        catch (StoreUnavailableException)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "The report store is unavailable; retry."));
        }
    }

    /// <summary>How ClusterAdmin names a silo: Orleans' parsable address (<c>ip:port@generation</c>).</summary>
    public static string IdOf(SiloAddress silo) => silo.ToParsableString();

    private static V1.SiloStatus ToProto(OrleansSiloStatus status) => status switch
    {
        OrleansSiloStatus.Created or OrleansSiloStatus.Joining => V1.SiloStatus.Joining,
        OrleansSiloStatus.Active => V1.SiloStatus.Active,
        OrleansSiloStatus.ShuttingDown or OrleansSiloStatus.Stopping => V1.SiloStatus.Leaving,
        OrleansSiloStatus.Dead => V1.SiloStatus.Dead,
        _ => V1.SiloStatus.Unspecified,
    };

    private static TimeSpan NotNegative(TimeSpan span) => span < TimeSpan.Zero ? TimeSpan.Zero : span;
}
