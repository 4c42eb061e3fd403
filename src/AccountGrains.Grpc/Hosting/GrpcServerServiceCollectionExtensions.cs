using AccountGrains.Grpc.Internal;
using AccountGrains.Grpc.Reflection;
using Google.Protobuf.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AccountGrains.Grpc;

/// <summary>Registers the gRPC server and its services in dependency injection.</summary>
public static class GrpcServerServiceCollectionExtensions
{
    /// <summary>Adds the gRPC server with its options (validated when the host starts). Safe to call more than once.</summary>
    public static IServiceCollection AddGrpcServer(this IServiceCollection services, Action<GrpcServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<GrpcServerOptions>().ValidateOnStart();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddEnumerable(Microsoft.Extensions.DependencyInjection.ServiceDescriptor.Singleton<IValidateOptions<GrpcServerOptions>, GrpcServerOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GrpcServerRuntime>();
        services.TryAddSingleton<GrpcServiceRegistry>();
        return services;
    }

    /// <summary>Adds a service (a singleton) whose methods <c>MapGrpcServices</c> will serve.</summary>
    public static IServiceCollection AddGrpcService<TService>(this IServiceCollection services)
        where TService : class, IGrpcService
    {
        services.AddGrpcServer();
        services.TryAddSingleton<TService>();
        services.AddSingleton<IGrpcService>(sp => sp.GetRequiredService<TService>());
        return services;
    }

    /// <summary>Adds a service instance whose methods <c>MapGrpcServices</c> will serve.</summary>
    public static IServiceCollection AddGrpcService(this IServiceCollection services, IGrpcService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        services.AddGrpcServer();
        services.AddSingleton(service);
        return services;
    }

    /// <summary>
    /// Adds <c>grpc.health.v1.Health</c> (Check and Watch). The server as a whole (service name "") starts SERVING;
    /// set each service's status with <see cref="HealthService.SetStatus"/> (resolve <see cref="HealthService"/> from the container).
    /// </summary>
    public static IServiceCollection AddGrpcHealthChecks(this IServiceCollection services) => services.AddGrpcService<HealthService>();

    /// <summary>
    /// Adds server reflection, <c>grpc.reflection.v1</c> and <c>v1alpha</c>. It lists the services served and describes
    /// the symbols of <paramref name="files"/> (protoc's <c>XxxReflection.Descriptor</c>), their dependencies, and the
    /// standard services' own files. Call it again to add more files.
    /// </summary>
    public static IServiceCollection AddGrpcReflection(this IServiceCollection services, params FileDescriptor[] files)
    {
        ArgumentNullException.ThrowIfNull(files);
        services.AddGrpcServer();
        services.AddSingleton(new ReflectionFiles(files));
        if (!services.Any(d => d.ServiceType == typeof(ReflectionService)))
        {
            services.AddGrpcService<ReflectionService>();
        }

        return services;
    }
}
