using Microsoft.AspNetCore.Http;

namespace AccountGrains.Grpc.Internal;

/// <summary>Answers a gRPC request for a path no service registered: Trailers-Only UNIMPLEMENTED.</summary>
internal sealed class UnimplementedHandler(GrpcServerRuntime runtime, GrpcServiceRegistry registry)
{
    public Task HandleAsync(HttpContext http)
    {
        if (!ProtocolErrors.TryAccept(http, runtime))
        {
            return Task.CompletedTask;
        }

        var path = http.Request.Path.Value ?? string.Empty;
        GrpcServerLog.Unimplemented(runtime.Logger, path);
        var service = path.Length > 1 && path.IndexOf('/', 1) is var slash and > 0 ? path[1..slash] : string.Empty;
        var message = registry.HasService(service) ? "Method is unimplemented." : "Service is unimplemented.";
        var response = http.Response;
        response.ContentType = GrpcProtocol.ContentType;
        response.Headers.GrpcStatus = GrpcServerRuntime.StatusText(StatusCode.Unimplemented);
        response.Headers.GrpcMessage = message;
        return Task.CompletedTask;
    }
}
