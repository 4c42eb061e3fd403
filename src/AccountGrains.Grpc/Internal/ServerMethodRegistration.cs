using Microsoft.AspNetCore.Http;

namespace AccountGrains.Grpc.Internal;

/// <summary>One registered method: its path and the request delegate that serves it.</summary>
internal sealed record ServerMethodRegistration(string Path, string ServiceName, string MethodName, MethodType Type, RequestDelegate Handler);

/// <summary>What the server serves, known once its endpoints are mapped (reflection lists it; UNIMPLEMENTED consults it).</summary>
internal sealed class GrpcServiceRegistry
{
    private volatile IReadOnlyList<ServerMethodRegistration> _methods = [];
    private volatile HashSet<string> _services = new(StringComparer.Ordinal);

    public IReadOnlyList<ServerMethodRegistration> Methods => _methods;

    /// <summary>The fully qualified names of the services served, in registration order.</summary>
    public IReadOnlyList<string> ServiceNames => [.. _methods.Select(m => m.ServiceName).Distinct(StringComparer.Ordinal)];

    public bool HasService(string name) => _services.Contains(name);

    public void Set(IReadOnlyList<ServerMethodRegistration> methods)
    {
        _services = new HashSet<string>(methods.Select(m => m.ServiceName), StringComparer.Ordinal);
        _methods = methods;
    }
}
