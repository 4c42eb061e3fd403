using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace AccountGrains.Gateway;

/// <summary>
/// The principal of a <see cref="CallerIdentity"/>. It marks a result <see cref="CallerAuthenticationService"/> hands on
/// as its handler gave it, and carries the policy evaluator's "the user is authenticated" result, which ASP.NET Core
/// would otherwise allocate on every call (<see cref="CallerPolicyEvaluator"/>).
/// </summary>
/// <remarks>
/// An API key's principal is built once per key (<see cref="ApiKeyRegistry"/>), so for the hot path these are built
/// once too. Sharing them is safe: nothing in the pipeline writes to a principal, ticket or result after
/// authentication.
/// </remarks>
internal sealed class CallerPrincipal : ClaimsPrincipal
{
    /// <summary>The authentication type ASP.NET Core's policy evaluator gives a ticket made from <c>HttpContext.User</c>.</summary>
    private const string UserTicketScheme = "context.User";

    private Task<AuthenticateResult>? _asUser;

    public CallerPrincipal(CallerIdentity identity)
        : base(identity)
    {
    }

    /// <summary>This principal as an authenticated result, the one the policy evaluator builds from <c>HttpContext.User</c>.</summary>
    public Task<AuthenticateResult> AuthenticatedAsUser =>
        _asUser ??= Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(this, UserTicketScheme)));
}
