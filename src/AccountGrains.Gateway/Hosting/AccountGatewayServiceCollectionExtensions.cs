using AccountGrains.Contracts.V1;
using AccountGrains.Gateway;
using Grpc.AspNetCore.Server;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the AccountGrains gRPC gateway.</summary>
public static class AccountGatewayServiceCollectionExtensions
{
    /// <summary>
    /// The authorization policy of cluster administration and reports (the admin role), for endpoints a host maps
    /// beside the gateway (the silo's Orleans dashboard); it authenticates with the gateway's own schemes.
    /// </summary>
    public const string AdminPolicy = GatewayPolicies.ClusterAndReports;

    /// <summary>
    /// The gateway's default authentication scheme (API keys, forwarding JWTs to the JwtBearer scheme), for a host's
    /// policy that accepts a credential of its own beside the gateway's (the console's dashboard session).
    /// </summary>
    public const string AuthenticationScheme = GatewayAuthentication.Scheme;

    /// <summary>
    /// The <c>grpc.health.v1</c> service name of liveness: SERVING whenever the process answers at all (it runs no
    /// check). Readiness is the empty name (and each gateway service's name): every check, "silo", "store", "fencing".
    /// </summary>
    public const string LivenessService = "liveness";

    private const string ProcessCheck = "process";

    /// <summary>
    /// Adds <c>accountgrains.v1.AccountIntegrity</c> and <c>accountgrains.v1.ClusterAdmin</c> on grpc-dotnet: API-key
    /// and JWT authentication (<see cref="GatewayAuthOptions"/> from <c>AccountGrains:Auth</c>), one authorization
    /// policy per operation of the permission table, error mapping (<see cref="CallErrors"/>) and the default deadline
    /// (<see cref="GatewayGrpcOptions"/> and grpc-dotnet's <see cref="GrpcServiceOptions"/> from <c>AccountGrains:Grpc</c>),
    /// <c>grpc.health.v1</c> from ASP.NET Core health checks (this adds "silo" and "store"; other parts add theirs,
    /// e.g. "fencing"), and server reflection. Options are validated at start.
    /// </summary>
    /// <remarks>
    /// Grains are called through <see cref="IGrainFactory"/>, so the host must run an Orleans silo (the "silo"
    /// check reads its status) and register an <c>IEventStore</c> (the "store" check probes it; <c>WatchEvents</c> reads
    /// its log). Registering the store's <c>IEventLogSignal</c> too wakes <c>WatchEvents</c> within milliseconds of a
    /// commit; without it the stream polls (<see cref="GatewayWatchOptions.PollInterval"/>, <c>AccountGrains:Watch</c>). A host that is not
    /// a <c>WebApplication</c> must call <c>UseAuthentication()</c> and <c>UseAuthorization()</c> itself.
    /// </remarks>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The host's configuration.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddAccountGateway(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<GatewayAuthOptions>()
            .Bind(configuration.GetSection(GatewayAuthOptions.Section))
            .Validate(Valid<GatewayAuthOptions>(o =>
            {
                o.Validate();

                // A JWT section without a signing key would leave the gateway open while the host, seeing a JWT
                // section, thinks it is not (and listens beyond loopback): refuse it.
                if (!o.Jwt.IsEnabled && configuration.GetSection(GatewayAuthOptions.Section + ":Jwt").GetChildren().Any())
                {
                    throw new InvalidOperationException($"{GatewayAuthOptions.Section}:Jwt is configured without SigningKeys; add a signing key or remove the section.");
                }
            }))
            .ValidateOnStart();
        services.AddOptions<GatewayGrpcOptions>()
            .Bind(configuration.GetSection(GatewayGrpcOptions.Section))
            .Validate(Valid<GatewayGrpcOptions>(o => o.Validate()))
            .ValidateOnStart();

        // A call without a deadline is bounded by the grain call's response timeout: set it to the default deadline
        // rather than arm a timer per call (CallErrors).
        services.AddOptions<Orleans.Configuration.SiloMessagingOptions>()
            .Configure<IOptions<GatewayGrpcOptions>>((messaging, grpc) => messaging.ResponseTimeout = grpc.Value.DefaultDeadline);

        services.AddOptions<GatewayWatchOptions>()
            .Bind(configuration.GetSection(GatewayWatchOptions.Section))
            .Validate(Valid<GatewayWatchOptions>(o => o.Validate()))
            .ValidateOnStart();
        services.AddSingleton<EventLogTail>();
        services.AddSingleton<EventWatcher>();

        // Size limits, detailed errors and compression are grpc-dotnet's own options, under their own names.
        // HTTP/JSON for the same methods at their google.api.http routes (/v1/...): the same services, error mapping,
        // authentication and policies, so a JSON caller may do exactly what its gRPC self may.
        services.AddGrpc()
            .AddJsonTranscoding()
            .AddServiceOptions<ClusterAdminService>(o => o.Interceptors.Add<ErrorMappingInterceptor>());
        services.AddOptions<GrpcServiceOptions>().Bind(configuration.GetSection(GatewayGrpcOptions.Section));

        // Singletons: grpc-dotnet takes registered services and interceptors from DI instead of creating them per call.
        services.AddSingleton<CallErrors>();
        services.AddSingleton<ErrorMappingInterceptor>();
        services.AddSingleton<AccountGrainReferences>();
        services.AddSingleton<AccountIntegrityService>();
        services.AddSingleton<ClusterAdminService>();

        services.AddGatewayAuthentication();

        services.AddGrpcHealthChecks(o =>
            {
                o.Services.Map(AccountIntegrity.Descriptor.FullName, _ => true);
                o.Services.Map(ClusterAdmin.Descriptor.FullName, _ => true);

                // Cheap: a restart would not cure a silo that is fenced, joining or cut off from the store. One
                // trivial check, because a service without any check answers UNKNOWN.
                o.Services.Map(LivenessService, r => r.Name == ProcessCheck);
            })
            .AddCheck(ProcessCheck, () => HealthCheckResult.Healthy("The process answers."))
            .AddCheck<SiloHealthCheck>(SiloHealthCheck.Name)
            .AddCheck<StoreHealthCheck>(StoreHealthCheck.Name, timeout: TimeSpan.FromSeconds(5));
        // Watch streams are fed by the publisher: every 5 s rather than the default 30 s.
        services.Configure<HealthCheckPublisherOptions>(o => o.Period = TimeSpan.FromSeconds(5));
        services.AddGrpcReflection();
        return services;
    }

    /// <summary>True when neither an API key nor a JWT signing key is configured: every caller is the anonymous admin, and the host must listen on loopback only.</summary>
    /// <param name="services">The built host's services.</param>
    public static bool IsGatewayOpen(this IServiceProvider services) =>
        services.GetRequiredService<IOptions<GatewayAuthOptions>>().Value.IsOpen;

    /// <summary>The same as <see cref="IsGatewayOpen(IServiceProvider)"/>, read from configuration before the host is built (to refuse listening beyond loopback before anything binds).</summary>
    /// <param name="configuration">The host's configuration.</param>
    public static bool IsGatewayOpen(this IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var auth = configuration.GetSection(GatewayAuthOptions.Section);
        return !auth.GetSection("Keys").GetChildren().Any() && !auth.GetSection("Jwt").GetChildren().Any();
    }

    private static Func<T, bool> Valid<T>(Action<T> validate) => o =>
    {
        validate(o);
        return true;
    };
}
