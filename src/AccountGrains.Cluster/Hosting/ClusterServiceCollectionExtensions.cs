using AccountGrains.Cluster;
using AccountGrains.Cluster.Directory;
using AccountGrains.Cluster.Hosting;
using AccountGrains.Cluster.Internal;
using AccountGrains.Cluster.Membership;
using AccountGrains.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers cluster membership and the PostgreSQL grain directory.</summary>
public static class ClusterServiceCollectionExtensions
{
    /// <summary>
    /// Makes this silo a cluster member: <see cref="ClusterOptions"/> bound from <c>AccountGrains:Cluster</c>
    /// (the connection string defaults to <c>ConnectionStrings:AccountGrains</c>, the schema to
    /// <c>AccountGrains:Storage:Schema</c>) and validated now; the grain ownership the runtime asks before each
    /// activation (replacing the single-silo one); a hosted membership service (join, heartbeat, fencing,
    /// graceful leave); and <see cref="IClusterMembership"/> for admin views. The tables come with the
    /// PostgreSQL store's migrations (<c>002_cluster.sql</c>), applied on join through every registered
    /// <c>IStoreSchema</c>.
    /// </summary>
    /// <exception cref="ArgumentException">An option is invalid.</exception>
    public static IServiceCollection AddAccountGrainsCluster(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new ClusterOptions
        {
            ConnectionString = configuration.GetConnectionString("AccountGrains") ?? "",
            Schema = configuration["AccountGrains:Storage:Schema"] ?? "accountgrains",
        };
        configuration.GetSection(ClusterOptions.Section).Bind(options);
        options.Validate();

        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new ClusterClock(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new SiloLease(options, sp.GetRequiredService<ClusterClock>().Time));
        services.TryAddSingleton<LocalSilo>();
        services.TryAddSingleton<ClusterDatabase>();
        services.TryAddSingleton<MembershipTable>();
        services.TryAddSingleton<GrainDirectory>();
        services.TryAddSingleton<ISiloTermination, HostTermination>();
        services.TryAddSingleton<IClusterMembership, ClusterMembership>();
        services.Replace(ServiceDescriptor.Singleton<IGrainOwnership, ClusterOwnership>());
        services.TryAddSingleton<MembershipService>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<MembershipService>());
        return services;
    }
}
