using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace AccountGrains.Gateway;

/// <summary>
/// The principal of a <see cref="CallerIdentity"/>, with the completed tasks ASP.NET Core's pipeline would otherwise
/// allocate for it on every call: the claims transformation's (<see cref="CallerClaimsTransformation"/>) and the
/// policy evaluator's "the user is authenticated" result (<see cref="CallerPolicyEvaluator"/>).
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
        : base(identity) => Transformed = Task.FromResult<ClaimsPrincipal>(this);

    /// <summary>This principal, as the completed result of a claims transformation that changes nothing.</summary>
    public Task<ClaimsPrincipal> Transformed { get; }

    /// <summary>This principal as an authenticated result, the one the policy evaluator builds from <c>HttpContext.User</c>.</summary>
    public Task<AuthenticateResult> AuthenticatedAsUser =>
        _asUser ??= Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(this, UserTicketScheme)));
}
