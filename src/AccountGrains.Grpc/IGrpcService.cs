namespace AccountGrains.Grpc;

/// <summary>
/// A gRPC service: it registers its methods' handlers once, when the server maps its endpoints. Add one with
/// <c>services.AddGrpcService&lt;T&gt;()</c>; it lives as a singleton and serves calls concurrently.
/// </summary>
public interface IGrpcService
{
    /// <summary>Registers the service's methods.</summary>
    void Bind(GrpcServiceBuilder builder);
}
