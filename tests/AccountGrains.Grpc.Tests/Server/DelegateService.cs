namespace AccountGrains.Grpc.Tests.Server;

/// <summary>A service whose methods a test registers inline.</summary>
internal sealed class DelegateService(Action<GrpcServiceBuilder> bind) : IGrpcService
{
    public void Bind(GrpcServiceBuilder builder) => bind(builder);
}
