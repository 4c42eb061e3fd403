using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace AccountGrains.Gateway;

/// <summary>
/// ASP.NET Core's policy evaluator, except that for a policy naming no scheme (every gateway policy: the middleware
/// has run the default scheme already) and an authenticated gateway caller, it returns the caller's prebuilt result
/// (<see cref="CallerPrincipal.AuthenticatedAsUser"/>) instead of a new ticket, result and task per call. The result
/// is the one the base class would build; authorization itself is the base class's (ASP.NET Core's authorization
/// service, every requirement and handler).
/// </summary>
internal sealed class CallerPolicyEvaluator(IAuthorizationService authorization) : PolicyEvaluator(authorization)
{
    public override Task<AuthenticateResult> AuthenticateAsync(AuthorizationPolicy policy, HttpContext context) =>
        policy.AuthenticationSchemes.Count == 0 && context.User is CallerPrincipal { Identity.IsAuthenticated: true } caller
            ? caller.AuthenticatedAsUser
            : base.AuthenticateAsync(policy, context);
}
