using AccountGrains.Grpc.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AccountGrains.Grpc;

/// <summary>Maps the registered gRPC services onto endpoint routing.</summary>
public static class GrpcEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps a POST endpoint per registered method (<c>/package.Service/Method</c>), built once, and a fallback that answers
    /// other two-segment POSTs with UNIMPLEMENTED. Returns a builder that applies conventions (host, authorization) to all of them.
    /// </summary>
    public static IEndpointConventionBuilder MapGrpcServices(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var provider = endpoints.ServiceProvider;
        var runtime = provider.GetService<GrpcServerRuntime>()
            ?? throw new InvalidOperationException("Call services.AddGrpcServer() before MapGrpcServices().");
        var registry = provider.GetRequiredService<GrpcServiceRegistry>();
        var builder = new GrpcServiceBuilder(runtime);
        foreach (var service in provider.GetServices<IGrpcService>())
        {
            service.Bind(builder);
        }

        registry.Set(builder.Methods);
        var conventions = new List<IEndpointConventionBuilder>(builder.Methods.Count + 1);
        foreach (var method in builder.Methods)
        {
            conventions.Add(endpoints.MapPost(method.Path, method.Handler).WithDisplayName($"gRPC {method.Path}"));
        }

        var unimplemented = new UnimplementedHandler(runtime, registry);
        conventions.Add(endpoints.MapPost("{unimplementedService}/{unimplementedMethod}", unimplemented.HandleAsync).WithDisplayName("gRPC unimplemented"));
        return new CompositeConventionBuilder(conventions);
    }

    private sealed class CompositeConventionBuilder(List<IEndpointConventionBuilder> builders) : IEndpointConventionBuilder
    {
        public void Add(Action<EndpointBuilder> convention)
        {
            foreach (var builder in builders)
            {
                builder.Add(convention);
            }
        }
    }
}
