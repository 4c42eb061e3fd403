using System.Net;
using AccountGrains.Fencing.Diagnostics;
using AccountGrains.Fencing.Fencing;
using AccountGrains.Fencing.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;

namespace AccountGrains.Fencing;

/// <summary>Joins a silo (or an Orleans client) to the AccountGrains cluster kept in PostgreSQL.</summary>
public static class ClusterHostingExtensions
{
    /// <summary>The ADO.NET invariant Orleans loads Npgsql by.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>The cluster and service id when <c>Orleans:ClusterId</c> / <c>Orleans:ServiceId</c> are unset: <c>accountgrains</c>.</summary>
    public const string DefaultClusterId = "accountgrains";

    /// <summary>
    /// Orleans ADO.NET clustering and reminders (invariant <c>Npgsql</c>) on the store's schema, tuned failure
    /// detection, and the PostgreSQL lease: the silo serves grain calls only while its lease is fresh, new activations
    /// wait for the leases of silos Orleans no longer counts as active, and a silo that lost its lease exits with
    /// <see cref="ClusterFencingOptions.LeaseLostExitCode"/>. Registers <see cref="ISiloFencing"/> and the "fencing"
    /// health check.
    /// </summary>
    /// <remarks>
    /// Orleans binds its own section: <c>Orleans:ClusterId</c> and <c>Orleans:ServiceId</c> (when unset, here
    /// <see cref="DefaultClusterId"/> rather than Orleans' <c>default</c>), <c>Orleans:Endpoints:SiloPort</c> (11111),
    /// <c>Orleans:Endpoints:GatewayPort</c> (30000) and <c>Orleans:Endpoints:AdvertisedIPAddress</c>; when that address
    /// is unset this defaults it to 127.0.0.1 (Orleans would pick a network interface), so three silos on one machine
    /// differ only in the two ports.
    /// <c>Orleans:Membership:*</c> overrides the tuned <see cref="ClusterMembershipOptions"/>. The lease binds from
    /// <c>AccountGrains:Cluster</c>; the schema is the store's (<c>AccountGrains:Storage:Schema</c>, default
    /// <c>accountgrains</c>), applied at start by the store's migrator.
    /// </remarks>
    /// <param name="silo">The silo builder.</param>
    /// <param name="configuration">The host's configuration.</param>
    /// <param name="connectionString">The PostgreSQL connection string (the store's).</param>
    /// <returns>The silo builder.</returns>
    public static ISiloBuilder UseAccountGrainsCluster(this ISiloBuilder silo, IConfiguration configuration, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);

        var schema = SchemaOf(configuration);
        var orleansConnection = OrleansConnectionString(connectionString, schema);
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = orleansConnection;
        });
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = orleansConnection;
        });

        var services = silo.Services;
        DefaultIds(services, configuration);
        services.Configure<EndpointOptions>(o => o.AdvertisedIPAddress ??= IPAddress.Loopback);
        services.Configure<ClusterMembershipOptions>(o =>
        {
            MembershipTuning.Apply(o);
            configuration.GetSection("Orleans:Membership").Bind(o);
        });

        services.AddOptions<ClusterFencingOptions>()
            .Bind(configuration.GetSection(ClusterFencingOptions.Section))
            .Configure(o =>
            {
                o.ConnectionString = connectionString;
                o.Schema = schema;
            })
            .Validate(Valid)
            .ValidateOnStart();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<ClusterFencingOptions>>().Value);
        services.TryAddSingleton<SiloLease>();
        services.TryAddSingleton<ISiloFencing>(sp => sp.GetRequiredService<SiloLease>());
        services.TryAddSingleton<LeaseStore>();
        services.TryAddSingleton<ActivationGate>();
        services.TryAddSingleton<ISiloTermination, HostTermination>();
        services.AddMetrics();
        services.TryAddSingleton<ClusterMetrics>();
        services.AddSingleton<LeaseKeeper>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<LeaseKeeper>());
        services.AddSingleton<IConfigureGrainContextProvider, ActivationGateConfigurator>();
        services.AddSingleton<IIncomingGrainCallFilter, FencingCallFilter>();
        services.AddHealthChecks().AddCheck<FencingHealthCheck>(FencingHealthCheck.Name);
        DecorateFatalErrorHandler(services);
        return silo;
    }

    /// <summary>
    /// Lets an Orleans client find the cluster's gateways through the same PostgreSQL membership table
    /// (<c>Orleans:ClusterId</c> and <c>Orleans:ServiceId</c> as for the silos).
    /// </summary>
    /// <param name="client">The client builder.</param>
    /// <param name="configuration">The client host's configuration.</param>
    /// <param name="connectionString">The PostgreSQL connection string.</param>
    /// <returns>The client builder.</returns>
    public static IClientBuilder UseAccountGrainsCluster(this IClientBuilder client, IConfiguration configuration, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var orleansConnection = OrleansConnectionString(connectionString, SchemaOf(configuration));
        DefaultIds(client.Services, configuration);
        return client.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = orleansConnection;
        });
    }

    /// <summary>Wraps whichever <see cref="IFatalErrorHandler"/> is registered (Orleans' own, or a test host's).</summary>
    private static void DecorateFatalErrorHandler(IServiceCollection services)
    {
        var inner = services.LastOrDefault(d => d.ServiceType == typeof(IFatalErrorHandler));
        if (inner is null || inner.ImplementationType == typeof(FencedFatalErrorHandler))
        {
            return;
        }

        services.Remove(inner);
        services.AddSingleton<IFatalErrorHandler>(sp => ActivatorUtilities.CreateInstance<FencedFatalErrorHandler>(sp, Resolve(sp, inner)));
    }

    private static IFatalErrorHandler Resolve(IServiceProvider services, ServiceDescriptor descriptor) => (IFatalErrorHandler)(
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));

    // Registered after Orleans bound its section, so only an unset key takes the default.
    private static void DefaultIds(IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrEmpty(configuration["Orleans:ClusterId"]))
        {
            services.Configure<ClusterOptions>(o => o.ClusterId = DefaultClusterId);
        }

        if (string.IsNullOrEmpty(configuration["Orleans:ServiceId"]))
        {
            services.Configure<ClusterOptions>(o => o.ServiceId = DefaultClusterId);
        }
    }

    private static string SchemaOf(IConfiguration configuration) =>
        configuration["AccountGrains:Storage:Schema"] is { Length: > 0 } schema ? schema : "accountgrains";

    /// <summary>Orleans reads its stored queries unqualified (<c>FROM OrleansQuery</c>): it finds them through the search path.</summary>
    private static string OrleansConnectionString(string connectionString, string schema) =>
        new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = schema }.ConnectionString;

    private static bool Valid(ClusterFencingOptions options)
    {
        options.Validate();
        return true;
    }
}
