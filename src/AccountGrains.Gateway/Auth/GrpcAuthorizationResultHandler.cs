using Grpc.Core;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace AccountGrains.Gateway;

/// <summary>
/// Answers a refused gRPC call as gRPC: a trailers-only response with UNAUTHENTICATED (no, unknown, expired or
/// badly signed credential) or PERMISSION_DENIED (the role), and a message that says why. A bare 401/403 would
/// reach clients as the same codes but without the reason. A JSON-transcoded call (HTTP/JSON) is refused with 401 or
/// 403 and the same code and reason as JSON. Other requests get ASP.NET Core's default handling.
/// </summary>
internal sealed class GrpcAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    // Not async on success, the path every call takes: the call runs on without another state machine.
    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded)
        {
            return next(context);
        }

        var grpc = IsGrpc(context.Request);
        if (!grpc && !IsJsonApi(context))
        {
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }

        if (authorizeResult.Forbidden)
        {
            var reason = authorizeResult.AuthorizationFailure?.FailureReasons.FirstOrDefault()?.Message ?? "The caller's role may not call this method.";
            return grpc ? Refuse(context.Response, StatusCode.PermissionDenied, reason) : RefuseJson(context.Response, StatusCode.PermissionDenied, reason);
        }

        return RefuseUnauthenticatedAsync(context, grpc);
    }

    private static async Task RefuseUnauthenticatedAsync(HttpContext context, bool grpc)
    {
        // The scheme's result is cached for the request, so asking again costs nothing and gives its failure text.
        var authentication = await context.AuthenticateAsync(GatewayAuthentication.Scheme);
        var message = authentication.Failure?.Message ?? ApiKeyAuthenticationHandler.MissingCredential;
        await (grpc ? Refuse(context.Response, StatusCode.Unauthenticated, message) : RefuseJson(context.Response, StatusCode.Unauthenticated, message));
    }

    // A JSON-transcoded method (a google.api.http route): refused as JSON transcoding answers an RpcException, 401 or
    // 403 with {"code", "message", "details"}, so an HTTP/JSON caller reads the same reason a gRPC caller does.
    private static bool IsJsonApi(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<Grpc.AspNetCore.Server.GrpcMethodMetadata>() is not null;

    private static Task RefuseJson(HttpResponse response, StatusCode code, string message)
    {
        if (code == StatusCode.Unauthenticated)
        {
            response.Headers.WWWAuthenticate = "Bearer";
        }

        response.StatusCode = code == StatusCode.Unauthenticated ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden;
        return response.WriteAsJsonAsync(new JsonError((int)code, message, []));
    }

    private sealed record JsonError(
        [property: System.Text.Json.Serialization.JsonPropertyName("code")] int Code,
        [property: System.Text.Json.Serialization.JsonPropertyName("message")] string Message,
        [property: System.Text.Json.Serialization.JsonPropertyName("details")] object[] Details);

    private static bool IsGrpc(HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase);

    // gRPC's "Trailers-Only" form: HTTP 200 and the status in the headers, no body.
    private static Task Refuse(HttpResponse response, StatusCode code, string message)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = Uri.EscapeDataString(message);
        return Task.CompletedTask;
    }
}
