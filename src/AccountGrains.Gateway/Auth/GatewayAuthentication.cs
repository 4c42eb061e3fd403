using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace AccountGrains.Gateway;

/// <summary>
/// The gateway's authentication schemes: <c>ApiKey</c> and <c>Jwt</c> (JwtBearer), behind a policy scheme that
/// sends a bearer token shaped like a JWT (three dot-separated parts) to JwtBearer when JWTs are configured, and
/// everything else to the key handler.
/// </summary>
internal static class GatewayAuthentication
{
    /// <summary>The default scheme: picks <see cref="ApiKeyAuthenticationHandler.SchemeName"/> or <see cref="JwtScheme"/> per call.</summary>
    public const string Scheme = "AccountGrains";

    /// <summary>JWT bearer tokens.</summary>
    public const string JwtScheme = "Jwt";

    public static void AddGatewayAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeyRegistry>();
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "API key or JWT", o => o.ForwardDefaultSelector = SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, _ => { })
            .AddJwtBearer(JwtScheme);
        services.AddOptions<JwtBearerOptions>(JwtScheme).Configure<IOptions<GatewayAuthOptions>>((jwt, auth) => Configure(jwt, auth.Value.Jwt));

        services.AddSingleton<IAuthorizationHandler, OperationAuthorizationHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, GrpcAuthorizationResultHandler>();
        services.AddAuthorization(GatewayPolicies.AddTo);
    }

    private static string SelectScheme(HttpContext context)
    {
        var token = GatewayClaims.BearerToken(context.Request.Headers);
        return token.Count('.') == 2 && context.RequestServices.GetRequiredService<IOptions<GatewayAuthOptions>>().Value.Jwt.IsEnabled
            ? JwtScheme
            : ApiKeyAuthenticationHandler.SchemeName;
    }

    private static void Configure(JwtBearerOptions jwt, GatewayJwtOptions options)
    {
        // The token's claims as issued ("sub", "role"), not renamed to the long ClaimTypes URIs.
        jwt.MapInboundClaims = false;
        jwt.Events = new JwtCallerEvents(options.RoleClaim);
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = options.Issuer,
            ValidAudience = options.Audience,
            IssuerSigningKeys = [.. options.SigningKeyBytes().Select(k => new SymmetricSecurityKey(k))],
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256, SecurityAlgorithms.HmacSha384, SecurityAlgorithms.HmacSha512],
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = options.ClockSkew,
            NameClaimType = GatewayClaims.Name,
            RoleClaimType = options.RoleClaim,
        };
    }
}
