using System.Security.Claims;
using AccountGrains.Silo.Dashboard;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace AccountGrains.Silo.OpsConsole;

/// <summary>
/// Opens the Orleans dashboard to an admin signed into the console. A browser following a link sends no
/// authorization header, and the console's credential lives in the tab's session storage, out of a cookie's reach.
/// So the console POSTs its bearer credential once to <see cref="SessionPath"/> (admin policy); the answer is an
/// ASP.NET Core authentication cookie (HttpOnly, SameSite=Strict, scoped to the dashboard's path, encrypted and signed
/// by data protection) holding only the caller's name and role, never the key. The dashboard accepts that cookie or
/// a bearer credential, and only the admin role.
/// </summary>
/// <remarks>
/// The cookie lives <see cref="Lifetime"/> (not sliding): a key revoked meanwhile keeps its dashboard session until
/// then. Data protection's key ring is per silo unless configured otherwise, so the cookie opens the dashboard of the
/// silo whose console issued it, which is the one the link points at.
/// </remarks>
internal static class DashboardSession
{
    /// <summary>The cookie authentication scheme.</summary>
    public const string Scheme = "ConsoleDashboard";

    /// <summary>The policy of the dashboard when the console is on: the session cookie or a bearer credential, role admin.</summary>
    public const string Policy = "accountgrains.console.dashboard";

    /// <summary>POST (bearer credential, admin) sets the cookie; DELETE clears it.</summary>
    public const string SessionPath = SiloConsole.Path + "/dashboard-session";

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private const string CookieName = "AccountGrains.Dashboard";

    /// <summary>Whether the console hands out dashboard sessions: the dashboard is on and so is the console.</summary>
    public static bool IsOn(IConfiguration configuration) =>
        SiloDashboard.IsEnabled(configuration) && SiloConsole.UrlsOf(configuration).Length > 0;

    /// <summary>Adds the cookie scheme and <see cref="Policy"/> beside the gateway's schemes (its default stays).</summary>
    public static void AddDashboardSession(this IServiceCollection services, IConfiguration configuration)
    {
        if (!IsOn(configuration))
        {
            return;
        }

        var dashboardPath = SiloDashboard.PathOf(configuration);
        services.AddAuthentication().AddCookie(Scheme, cookie =>
        {
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.Path = dashboardPath;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = Lifetime;
            cookie.SlidingExpiration = false;

            // An API, not a site with a login page: refusals are status codes, as the bearer scheme gives them.
            cookie.Events.OnRedirectToLogin = context => Status(context, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => Status(context, StatusCodes.Status403Forbidden);
        });

        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(Scheme, Microsoft.Extensions.DependencyInjection.AccountGatewayServiceCollectionExtensions.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .RequireClaim(RoleClaim, AdminRole));
    }

    /// <summary>The dashboard's policy: <see cref="Policy"/> when sessions are on, else <paramref name="adminPolicy"/>.</summary>
    public static string DashboardPolicy(IConfiguration configuration, string adminPolicy) => IsOn(configuration) ? Policy : adminPolicy;

    /// <summary>Maps <see cref="SessionPath"/>.</summary>
    public static void MapDashboardSession(this WebApplication app, string adminPolicy)
    {
        if (!IsOn(app.Configuration))
        {
            return;
        }

        var dashboard = SiloDashboard.PathOf(app.Configuration) + "/";
        app.MapPost(SessionPath, async context =>
        {
            // Only who the caller is, as the gateway authenticated it: the credential itself stays in the console's tab.
            var identity = new ClaimsIdentity(
                context.User.Claims.Where(c => c.Type is NameClaim or RoleClaim).Select(c => new Claim(c.Type, c.Value)),
                Scheme, NameClaim, RoleClaim);
            await context.SignInAsync(Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = false });
            await context.Response.WriteAsJsonAsync(new SessionReply(dashboard));
        }).RequireAuthorization(adminPolicy);
        app.MapDelete(SessionPath, async context =>
        {
            await context.SignOutAsync(Scheme);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        });
    }

    private const string NameClaim = "sub";

    private const string RoleClaim = "role";

    private const string AdminRole = "admin";

    private static Task Status(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    private sealed record SessionReply([property: System.Text.Json.Serialization.JsonPropertyName("dashboard")] string Dashboard);
}
