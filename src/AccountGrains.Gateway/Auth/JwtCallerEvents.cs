using AccountGrains.Abstractions;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace AccountGrains.Gateway;

/// <summary>
/// Turns a validated JWT into the gateway's caller (subject, role from the configured claim, optional
/// <c>x-on-behalf-of</c>), and replaces the token library's failure text with one sentence a caller can act on.
/// </summary>
internal sealed class JwtCallerEvents(string roleClaim) : JwtBearerEvents
{
    public override Task TokenValidated(TokenValidatedContext context)
    {
        var principal = context.Principal!;
        var subject = principal.FindFirst(GatewayClaims.Name)?.Value;
        if (string.IsNullOrWhiteSpace(subject))
        {
            context.Fail("The token has no 'sub' claim.");
            return Task.CompletedTask;
        }

        var roles = principal.FindAll(roleClaim).ToList();
        if (roles.Count != 1 || !GatewayClaims.TryParseRole(roles[0].Value, out var role))
        {
            context.Fail($"The token must carry one role (platform, recovery, agent, vendor, admin or auditor) in its '{roleClaim}' claim.");
            return Task.CompletedTask;
        }

        if (!GatewayClaims.TryReadOnBehalfOf(context.Request.Headers, out var onBehalfOf, out var error))
        {
            context.Fail(error);
            return Task.CompletedTask;
        }

        var caller = new Caller(subject, role, onBehalfOf);
        var others = principal.Claims.Where(c => c.Type != roleClaim);
        context.Principal = new CallerPrincipal(new CallerIdentity(caller, GatewayAuthentication.JwtScheme, others));
        return Task.CompletedTask;
    }

    public override Task AuthenticationFailed(AuthenticationFailedContext context)
    {
        context.Fail(context.Exception switch
        {
            SecurityTokenExpiredException => "The token has expired.",
            SecurityTokenNotYetValidException => "The token is not valid yet.",
            SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The token's signature is not valid.",
            SecurityTokenInvalidIssuerException => "The token's issuer is not accepted.",
            SecurityTokenInvalidAudienceException => "The token's audience is not accepted.",
            _ => "The token is not valid.",
        });
        return Task.CompletedTask;
    }
}
