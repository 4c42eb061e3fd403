using System.Security.Claims;
using AccountGrains.Abstractions;

namespace AccountGrains.Gateway;

/// <summary>
/// The authenticated caller as ASP.NET Core sees it (name, role and on-behalf-of as claims) that also carries
/// the <see cref="Abstractions.Caller"/> handed to the grain, so neither the authorization handler nor the
/// service parses claims again on each call.
/// </summary>
internal sealed class CallerIdentity : ClaimsIdentity
{
    public CallerIdentity(Caller caller, string authenticationType, IEnumerable<Claim>? otherClaims = null)
        : base(ClaimsOf(caller, otherClaims), authenticationType, GatewayClaims.Name, GatewayClaims.Role) => Caller = caller;

    public Caller Caller { get; }

    private static IEnumerable<Claim> ClaimsOf(Caller caller, IEnumerable<Claim>? otherClaims)
    {
        yield return new Claim(GatewayClaims.Name, caller.Name);
        yield return new Claim(GatewayClaims.Role, GatewayClaims.RoleName(caller.Role));
        if (caller.OnBehalfOf is { } agent)
        {
            yield return new Claim(GatewayClaims.OnBehalfOf, agent);
        }

        foreach (var claim in otherClaims ?? [])
        {
            if (claim.Type is not (GatewayClaims.Name or GatewayClaims.Role or GatewayClaims.OnBehalfOf))
            {
                yield return claim;
            }
        }
    }
}
