using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using AccountGrains.Telemetry.Tests.Support;

namespace AccountGrains.Telemetry.Tests;

/// <summary>
/// The Orleans dashboard on the single-silo default (SQLite; on by its appsettings.json), on the HTTP/1.1 endpoint of
/// <c>AccountGrains:Dashboard:Urls</c> (a browser speaks no cleartext HTTP/2): behind the admin role.
/// </summary>
public sealed class DashboardTests(ITestOutputHelper log)
{
    [Fact]
    public async Task Dashboard_RefusesAnAnonymousOrNonAdminCaller_AndServesAnAdmin()
    {
        var admin = Silos.NewKey();
        var recovery = Silos.NewKey();
        var ports = Silos.FreePorts(4);
        var folder = Directory.CreateTempSubdirectory("accountgrains-dashboard-");
        var dashboard = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{ports[1]}");
        var environment = Silos.Merge(Silos.Keys(("admin", admin), ("recovery", recovery)), new Dictionary<string, string>
        {
            ["AccountGrains__Storage__SqlitePath"] = Path.Combine(folder.FullName, "accountgrains.db"),
            ["AccountGrains__Dashboard__Urls"] = dashboard,
            ["Orleans__Endpoints__SiloPort"] = ports[2].ToString(CultureInfo.InvariantCulture),
            ["Orleans__Endpoints__GatewayPort"] = ports[3].ToString(CultureInfo.InvariantCulture),
        });
        await using var silo = await Silos.StartAsync("single", ports[0], environment);
        using var http = new HttpClient { BaseAddress = new Uri(dashboard), DefaultRequestVersion = HttpVersion.Version11 };
        try
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(http, null)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(http, recovery)).StatusCode);

            using var served = await GetAsync(http, admin);
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            Assert.Contains("text/html", served.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);

            // The gRPC endpoint is unchanged: cleartext HTTP/2 only.
            using var grpc = Silos.Channel(ports[0]);
            Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, await Silos.HealthAsync(grpc));
        }
        finally
        {
            log.WriteLine(silo.Output);
            folder.Delete(recursive: true);
        }
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient http, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/");
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return await http.SendAsync(request);
    }
}
