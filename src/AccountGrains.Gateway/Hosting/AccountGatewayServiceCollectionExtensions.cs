using AccountGrains.Cluster;
using AccountGrains.Contracts.V1;
using AccountGrains.Gateway;
using AccountGrains.Grpc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the AccountIntegrity gateway on the gRPC server.</summary>
public static class AccountGatewayServiceCollectionExtensions
{
    /// <summary>
    /// Adds <c>accountgrains.v1.AccountIntegrity</c> with key authentication (<see cref="GatewayAuthOptions"/>,
    /// bound from <c>AccountGrains:Auth</c> and validated at start), error mapping, health
    /// (<c>grpc.health.v1.Health</c>, the API reported per service) and server reflection.
    /// The account grains must be registered too (<c>AddAccountGrains</c>).
    /// </summary>
    public static IServiceCollection AddAccountGateway(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<GatewayAuthOptions>()
            .Bind(configuration.GetSection(GatewayAuthOptions.Section))
            .Validate(o =>
            {
                o.Validate();
                return true;
            })
            .ValidateOnStart();
        services.AddSingleton<ApiKeyAuthenticator>();
        services.AddGrpcServer();
        services.AddOptions<GrpcServerOptions>().Bind(configuration.GetSection("AccountGrains:Grpc"));

        services.AddSingleton<SiloForwarder>();

        // Authentication outermost, so every call is checked before anything else runs; forwarding innermost,
        // so a forwarded call's failures are mapped like local ones.
        services.AddOptions<GrpcServerOptions>().Configure<IServiceProvider>((grpc, sp) =>
        {
            grpc.Interceptors.Insert(0, new AuthInterceptor(sp.GetRequiredService<ApiKeyAuthenticator>(), AccountIntegrityMethods.Operations));
            grpc.Interceptors.Insert(1, new ErrorMappingInterceptor());
            if (sp.GetService<IClusterMembership>() is { } membership)
            {
                // Only a cluster member can be asked for an account it does not own; a standalone silo pays nothing.
                grpc.Interceptors.Insert(2, new ForwardingInterceptor(AccountIntegrityMethods.Forwardable, sp.GetRequiredService<SiloForwarder>(), membership));
            }
        });
        services.AddGrpcService<AccountIntegrityService>();
        services.AddGrpcService<ClusterAdminService>();
        services.AddGrpcHealthChecks();
        services.AddGrpcReflection(AccountIntegrityReflection.Descriptor, ClusterAdminReflection.Descriptor);
        return services;
    }

    /// <summary>True when no API key is configured (the gateway is open to loopback callers only).</summary>
    public static bool IsGatewayOpen(this IServiceProvider services) =>
        services.GetRequiredService<IOptions<GatewayAuthOptions>>().Value.IsOpen;
}
