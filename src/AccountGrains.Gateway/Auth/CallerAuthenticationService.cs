using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace AccountGrains.Gateway;

/// <summary>
/// ASP.NET Core's authentication service, except that a gateway caller's result (a <see cref="CallerPrincipal"/>,
/// prebuilt per API key) is handed on as the handler gave it: the base class would run the claims transformation
/// (the gateway registers none: ASP.NET Core's default changes nothing) and copy the result into a new ticket, result
/// and task on every call. A result that did not succeed is handed on as the base class would;
/// another principal, challenge, forbid and sign-in are the base class's.
/// </summary>
internal sealed class CallerAuthenticationService(
    IAuthenticationSchemeProvider schemes,
    IAuthenticationHandlerProvider handlers,
    IClaimsTransformation transform,
    IOptions<AuthenticationOptions> options)
    : AuthenticationService(schemes, handlers, transform, options)
{
    public override Task<AuthenticateResult> AuthenticateAsync(HttpContext context, string? scheme)
    {
        // Only what completed synchronously is looked at. A result that did not succeed the base class would return as
        // it is too; any other principal goes to the base class, whose second question the handler answers from its cache.
        if (scheme is not null
            && Handlers.GetHandlerAsync(context, scheme) is { IsCompletedSuccessfully: true, Result: { } handler }
            && handler.AuthenticateAsync() is { IsCompletedSuccessfully: true, Result: { } result } authenticated
            && (!result.Succeeded || result.Principal is CallerPrincipal))
        {
            return authenticated;
        }

        return base.AuthenticateAsync(context, scheme);
    }
}
