using AccountGrains.Cluster;
using AccountGrains.Contracts.V1;
using AccountGrains.Grains;
using AccountGrains.Grpc;
using AccountGrains.Runtime;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.DependencyInjection;

namespace AccountGrains.Gateway;

/// <summary>
/// <c>accountgrains.v1.ClusterAdmin</c> for SREs (admin role): the membership table as this silo reads it,
/// and this silo's own live activations. Never forwarded: each silo answers for itself. A silo without a
/// cluster (the embedded store) reports itself alone.
/// </summary>
internal sealed class ClusterAdminService(IGrainRuntime runtime, IServiceProvider services, TimeProvider time) : IGrpcService
{
    public static readonly Method<ListSilosRequest, ListSilosReply> ListSilos = GatewayMethods.Of<ListSilosRequest, ListSilosReply>(ClusterAdminReflection.Descriptor, "ListSilos");
    public static readonly Method<ListActivationsRequest, ListActivationsReply> ListActivations = GatewayMethods.Of<ListActivationsRequest, ListActivationsReply>(ClusterAdminReflection.Descriptor, "ListActivations");

    private const string StandaloneId = "standalone";
    private readonly IClusterMembership? _membership = services.GetService<IClusterMembership>();
    private readonly DateTimeOffset _startedAt = time.GetUtcNow();

    public void Bind(GrpcServiceBuilder builder) => builder
        .AddUnary(ListSilos, ListSilosAsync)
        .AddUnary(ListActivations, ListActivationsAsync);

    private async Task<ListSilosReply> ListSilosAsync(ListSilosRequest request, ServerCallContext context)
    {
        var reply = new ListSilosReply { AnsweredBy = _membership?.SiloId ?? StandaloneId };
        if (_membership is null)
        {
            reply.Silos.Add(new Contracts.V1.SiloInfo
            {
                SiloId = StandaloneId,
                Status = Contracts.V1.SiloStatus.Active,
                StartedAt = Timestamp.FromDateTimeOffset(_startedAt),
                Age = Duration.FromTimeSpan(time.GetUtcNow() - _startedAt),
                SinceHeartbeat = Duration.FromTimeSpan(TimeSpan.Zero),
                ActivationCount = runtime.ActivationCount,
            });
            return reply;
        }

        foreach (var silo in await _membership.ListSilosAsync(context.CancellationToken))
        {
            reply.Silos.Add(new Contracts.V1.SiloInfo
            {
                SiloId = silo.SiloId,
                Generation = silo.Generation,
                Address = silo.Address,
                Status = ToProto(silo.Status),
                StartedAt = Timestamp.FromDateTimeOffset(silo.StartedAt),
                Age = Duration.FromTimeSpan(silo.Age),
                SinceHeartbeat = Duration.FromTimeSpan(silo.SinceHeartbeat),
                ActivationCount = silo.ActivationCount,
                LeaseExpired = silo.IsLeaseExpired,
            });
        }

        return reply;
    }

    private Task<ListActivationsReply> ListActivationsAsync(ListActivationsRequest request, ServerCallContext context)
    {
        var reply = new ListActivationsReply { SiloId = _membership?.SiloId ?? StandaloneId };
        reply.AccountIds.Add(runtime.GetActiveKeys(AccountIds.GrainType));
        return Task.FromResult(reply);
    }

    private static Contracts.V1.SiloStatus ToProto(Cluster.SiloStatus status) => status switch
    {
        Cluster.SiloStatus.Joining => Contracts.V1.SiloStatus.Joining,
        Cluster.SiloStatus.Active => Contracts.V1.SiloStatus.Active,
        Cluster.SiloStatus.Leaving => Contracts.V1.SiloStatus.Leaving,
        Cluster.SiloStatus.Left => Contracts.V1.SiloStatus.Left,
        Cluster.SiloStatus.Dead => Contracts.V1.SiloStatus.Dead,
        _ => Contracts.V1.SiloStatus.Unspecified,
    };
}
