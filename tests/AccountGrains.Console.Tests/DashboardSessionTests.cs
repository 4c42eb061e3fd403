using System.Net;

namespace AccountGrains.Console.Tests;

/// <summary>
/// The Orleans dashboard's console session over plain HTTP: only an admin's credential opens one; the cookie is
/// HttpOnly, SameSite=Strict, scoped to the dashboard and does not hold the key; the dashboard takes it (or a bearer
/// credential of the admin role) and refuses everyone else.
/// </summary>
public sealed class DashboardSessionTests(ConsoleSilo silo) : IClassFixture<ConsoleSilo>
{
    private static readonly HttpClient Http = new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false });

    [Fact]
    public async Task AnAdminsSession_OpensTheDashboard_ThroughAnHttpOnlyStrictCookie()
    {
        using var opened = await Http.SendAsync(silo.Json(HttpMethod.Post, "/console/dashboard-session", "admin", "{}"));
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Contains("\"dashboard\":\"/dashboard/\"", await opened.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var setCookie = Assert.Single(opened.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("AccountGrains.Dashboard=", setCookie, StringComparison.Ordinal);
        Assert.Contains("path=/dashboard", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", setCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(silo.KeyOf("admin"), setCookie, StringComparison.OrdinalIgnoreCase);
        var cookie = setCookie.Split(';')[0];

        using var withCookie = new HttpRequestMessage(HttpMethod.Get, new Uri(silo.ConsoleUrl, "/dashboard/"));
        withCookie.Headers.Add("Cookie", cookie);
        using var served = await Http.SendAsync(withCookie);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Contains("text/html", served.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);

        // A tampered cookie is no session.
        using var tampered = new HttpRequestMessage(HttpMethod.Get, new Uri(silo.ConsoleUrl, "/dashboard/"));
        tampered.Headers.Add("Cookie", cookie[..^4] + (cookie.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA"));
        using var refused = await Http.SendAsync(tampered);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("agent", HttpStatusCode.Forbidden)]
    [InlineData("auditor", HttpStatusCode.Forbidden)]
    public async Task AnyoneButAnAdmin_GetsNoSession_AndNoDashboard(string? role, HttpStatusCode expected)
    {
        using var session = await Http.SendAsync(silo.Json(HttpMethod.Post, "/console/dashboard-session", role, "{}"));
        Assert.Equal(expected, session.StatusCode);
        Assert.False(session.Headers.Contains("Set-Cookie"));

        using var dashboard = await Http.SendAsync(silo.Json(HttpMethod.Get, "/dashboard/", role));
        Assert.Equal(expected, dashboard.StatusCode);
    }

    [Fact]
    public async Task SigningOut_ExpiresTheCookie()
    {
        using var closed = await Http.SendAsync(silo.Json(HttpMethod.Delete, "/console/dashboard-session", role: null));

        Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);
        var setCookie = Assert.Single(closed.Headers.GetValues("Set-Cookie"));
        Assert.Contains("expires=Thu, 01 Jan 1970", setCookie, StringComparison.OrdinalIgnoreCase);
    }
}
