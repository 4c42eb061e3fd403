using Microsoft.AspNetCore.Http;

namespace AccountGrains.Grpc.Internal;

/// <summary>Requests that are not gRPC over HTTP/2 get an HTTP answer (with a gRPC status for clients that look).</summary>
internal static class ProtocolErrors
{
    /// <summary>False when the request was answered here: HTTP/1.x (426) or a content type that is not gRPC (415).</summary>
    public static bool TryAccept(HttpContext http, GrpcServerRuntime runtime)
    {
        var request = http.Request;
        var protocol = request.Protocol;
        if (!HttpProtocol.IsHttp2(protocol) && !HttpProtocol.IsHttp3(protocol))
        {
            GrpcServerLog.UnsupportedProtocol(runtime.Logger, protocol);
            var response = http.Response;
            response.Headers.Upgrade = "HTTP/2";
            response.Headers.Connection = "Upgrade";
            Answer(response, StatusCodes.Status426UpgradeRequired, $"Request protocol '{protocol}' is not supported.");
            return false;
        }

        if (!GrpcProtocol.IsGrpcContentType(request.ContentType))
        {
            GrpcServerLog.UnsupportedContentType(runtime.Logger, request.ContentType);
            Answer(http.Response, StatusCodes.Status415UnsupportedMediaType, $"Content-Type '{request.ContentType}' is not supported.");
            return false;
        }

        return true;
    }

    private static void Answer(HttpResponse response, int httpStatus, string message)
    {
        response.StatusCode = httpStatus;
        response.Headers.GrpcStatus = GrpcServerRuntime.StatusText(StatusCode.Internal);
        response.Headers.GrpcMessage = PercentEncoding.Encode(message);
    }
}
