using AccountGrains.Domain;
using AccountGrains.Grpc;

namespace AccountGrains.Gateway;

/// <summary>
/// Authenticates every call to the <c>accountgrains.*</c> services and checks the caller's role against
/// DOMAIN.md's table before any handler runs; the caller is then in <see cref="ServerCallContext.Items"/>.
/// Health and reflection stay open, as probes and tools expect.
/// </summary>
internal sealed class AuthInterceptor(ApiKeyAuthenticator authenticator, IReadOnlyDictionary<string, Operation> operations) : Interceptor
{
    private static readonly object CallerKey = new();

    /// <summary>The authenticated caller of the current call.</summary>
    public static Actor CallerOf(ServerCallContext context) =>
        context.Items.TryGetValue(CallerKey, out var actor) && actor is Actor a
            ? a
            : throw new InvalidOperationException("The call was not authenticated: is AuthInterceptor registered?");

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return base.UnaryServerHandler(request, context, continuation);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context);
        return base.ServerStreamingServerHandler(request, responseStream, context, continuation);
    }

    private void Authorize(ServerCallContext context)
    {
        if (!operations.TryGetValue(context.Method, out var operation))
        {
            return; // not ours (health, reflection)
        }

        var caller = authenticator.Authenticate(context.RequestHeaders);
        if (!Permissions.IsAllowed(caller.Role, operation))
        {
            var role = caller.Role.ToString().ToLowerInvariant();
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"The role '{role}' may not call {operation}."));
        }

        context.Items[CallerKey] = caller;
    }
}
