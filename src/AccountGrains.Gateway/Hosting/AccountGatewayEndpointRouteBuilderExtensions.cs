using AccountGrains.Gateway;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the AccountGrains gRPC gateway's endpoints.</summary>
public static class AccountGatewayEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>accountgrains.v1.AccountIntegrity</c>, <c>accountgrains.v1.ClusterAdmin</c> (both behind their
    /// authorization policies), <c>grpc.health.v1.Health</c> and server reflection (v1 and v1alpha; both open, as
    /// probes and tools expect). Requires <c>AddAccountGateway</c>.
    /// </summary>
    /// <param name="endpoints">The host's endpoints.</param>
    /// <returns><paramref name="endpoints"/>.</returns>
    public static IEndpointRouteBuilder MapAccountGateway(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<AccountIntegrityService>();
        endpoints.MapGrpcService<ClusterAdminService>();
        endpoints.MapGrpcHealthChecksService();
        endpoints.MapGrpcReflectionService();
        return endpoints;
    }
}
