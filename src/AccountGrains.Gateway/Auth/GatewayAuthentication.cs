using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace AccountGrains.Gateway;

/// <summary>
/// The gateway's authentication schemes: <c>ApiKey</c>, the default, which forwards a bearer token shaped like a JWT
/// (three dot-separated parts) to <c>Jwt</c> (JwtBearer) when JWTs are configured and handles everything else.
/// </summary>
/// <remarks>
/// The key handler forwards (ASP.NET Core's <c>ForwardDefaultSelector</c>) rather than a policy scheme choosing
/// between the two: a policy scheme is one more handler created and run on every call, Verify's included.
/// </remarks>
internal static class GatewayAuthentication
{
    /// <summary>The default scheme: <see cref="ApiKeyAuthenticationHandler.SchemeName"/>, forwarding JWTs to <see cref="JwtScheme"/>.</summary>
    public const string Scheme = ApiKeyAuthenticationHandler.SchemeName;

    /// <summary>JWT bearer tokens.</summary>
    public const string JwtScheme = "Jwt";

    public static void AddGatewayAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeyRegistry>();
        services.AddAuthentication(Scheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(Scheme, o => o.ForwardDefaultSelector = SelectScheme)
            .AddJwtBearer(JwtScheme);
        services.AddOptions<JwtBearerOptions>(JwtScheme).Configure<IOptions<GatewayAuthOptions>>((jwt, auth) => Configure(jwt, auth.Value.Jwt));

        services.AddSingleton<IAuthorizationHandler, OperationAuthorizationHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, GrpcAuthorizationResultHandler>();
        services.AddAuthorization(GatewayPolicies.AddTo);

        // ASP.NET Core registers these per call (transient), yet they keep no per-call state: as singletons, a call
        // no longer builds an authorization service, a handler provider and its handler list, and a policy evaluator.
        SingletonOf<IAuthorizationService>(services);
        SingletonOf<IAuthorizationHandlerProvider>(services);

        // The same library objects, answering the hot path with results made once (see each type).
        services.Replace(ServiceDescriptor.Singleton<IPolicyEvaluator, CallerPolicyEvaluator>());
        services.Replace(ServiceDescriptor.Singleton<IAuthenticationSchemeProvider, CachedSchemeProvider>());
        services.Replace(ServiceDescriptor.Scoped<IAuthenticationService, CallerAuthenticationService>());
    }

    private static void SingletonOf<TService>(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(TService) && !d.IsKeyedService);
        if (registered is { Lifetime: not ServiceLifetime.Singleton, ImplementationType: { } implementation })
        {
            services.Replace(ServiceDescriptor.Singleton(typeof(TService), implementation));
        }
    }

    // Null: the key handler handles the call itself.
    private static string? SelectScheme(HttpContext context)
    {
        var token = GatewayClaims.BearerToken(context.Request.Headers);
        return token.Count('.') == 2 && context.RequestServices.GetRequiredService<IOptions<GatewayAuthOptions>>().Value.Jwt.IsEnabled
            ? JwtScheme
            : null;
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
