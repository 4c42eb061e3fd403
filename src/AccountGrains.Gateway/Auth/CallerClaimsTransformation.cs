using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace AccountGrains.Gateway;

/// <summary>
/// The gateway transforms no claims (its handlers build the caller's claims themselves). ASP.NET Core's default
/// transformation returns a new completed task per call; this one returns the caller's own
/// (<see cref="CallerPrincipal.Transformed"/>).
/// </summary>
internal sealed class CallerClaimsTransformation : IClaimsTransformation
{
    public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal) =>
        principal is CallerPrincipal caller ? caller.Transformed : Task.FromResult(principal);
}
