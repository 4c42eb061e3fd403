using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace AccountGrains.Grpc;

/// <summary>Kestrel and HTTP helpers for gRPC hosts.</summary>
public static class GrpcKestrelExtensions
{
    /// <summary>
    /// Listens on a cleartext (no TLS) HTTP/2-only endpoint, as gRPC needs: without TLS there is no ALPN to pick
    /// HTTP/2, so a mixed endpoint would speak HTTP/1.1 to gRPC clients. Port 0 picks a free port.
    /// </summary>
    public static void ListenGrpcCleartext(this KestrelServerOptions options, IPAddress address, int port)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Listen(address, port, listen => listen.Protocols = HttpProtocols.Http2);
    }

    /// <summary>The HTTP request under a call served by this server (for authentication, connection details).</summary>
    /// <exception cref="InvalidOperationException">The context was not created by this server.</exception>
    public static HttpContext GetHttpContext(this ServerCallContext context) =>
        (context as Internal.HttpServerCallContext)?.HttpContext
        ?? throw new InvalidOperationException("This call context does not come from the Kestrel gRPC server.");
}
