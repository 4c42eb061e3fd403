using System.Globalization;
using Orleans.Dashboard;

namespace AccountGrains.Silo.Dashboard;

/// <summary>
/// The Orleans dashboard (<c>Microsoft.Orleans.Dashboard</c>), served by the silo under <c>AccountGrains:Dashboard:Path</c>
/// behind the gateway's admin policy: the dashboard has no authentication of its own. Off unless
/// <c>AccountGrains:Dashboard:Enabled</c>; off, nothing of it is registered (its grain-call profiler included).
/// </summary>
/// <remarks>
/// The silo's endpoints speak cleartext HTTP/2 only (prior knowledge, for gRPC), which no browser speaks. With
/// <c>AccountGrains:Dashboard:Urls</c> set, the silo also listens there on HTTP/1.1; the gRPC endpoints then move into
/// <c>Kestrel:Endpoints</c> unchanged, because Kestrel binds either the URLs or configured endpoints, not both.
/// </remarks>
internal static class SiloDashboard
{
    public const string Section = "AccountGrains:Dashboard";

    public const string DefaultPath = "/dashboard";

    private const string EndpointPrefix = "AccountGrainsDashboard";

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue($"{Section}:Enabled", false);

    /// <summary>The route prefix, validated: it starts with '/' and is not the root (the gRPC services live there).</summary>
    public static string PathOf(IConfiguration configuration)
    {
        var path = configuration[$"{Section}:Path"] is { Length: > 0 } configured ? configured.TrimEnd('/') : DefaultPath;
        if (!path.StartsWith('/') || path.Length < 2)
        {
            throw new InvalidOperationException($"{Section}:Path must start with '/' and not be the root, not '{configuration[$"{Section}:Path"]}'.");
        }

        return path;
    }

    /// <summary>
    /// When the dashboard has URLs of its own, adds them as HTTP/1.1 Kestrel endpoints beside the silo's gRPC URLs
    /// (the configured ones, or <paramref name="defaultUrl"/>), before anything reads the listen configuration.
    /// </summary>
    public static void AddEndpoints(WebApplicationBuilder builder, string defaultUrl)
    {
        var configuration = builder.Configuration;
        var urls = Split(configuration[$"{Section}:Urls"]);
        if (!IsEnabled(configuration) || urls.Length == 0)
        {
            return;
        }

        if (configuration.GetSection("Kestrel:Endpoints").GetChildren().Any())
        {
            throw new InvalidOperationException($"{Section}:Urls cannot be combined with Kestrel:Endpoints; add an endpoint with \"Protocols\": \"Http1\" there instead.");
        }

        var grpcUrls = Split(configuration[WebHostDefaults.ServerUrlsKey]) is { Length: > 0 } configured ? configured : [defaultUrl];
        var endpoints = new Dictionary<string, string?>();
        for (var i = 0; i < grpcUrls.Length; i++)
        {
            endpoints[Key($"Grpc{i}", "Url")] = grpcUrls[i];
        }

        for (var i = 0; i < urls.Length; i++)
        {
            endpoints[Key($"{EndpointPrefix}{i}", "Url")] = urls[i];
            endpoints[Key($"{EndpointPrefix}{i}", "Protocols")] = "Http1";
        }

        configuration.AddInMemoryCollection(endpoints);
    }

    public static void AddDashboard(this ISiloBuilder silo, IConfiguration configuration)
    {
        if (IsEnabled(configuration))
        {
            silo.AddDashboard();
        }
    }

    /// <summary>Maps the dashboard under its path, behind <paramref name="adminPolicy"/>.</summary>
    public static void MapDashboard(this WebApplication app, string adminPolicy)
    {
        if (IsEnabled(app.Configuration))
        {
            app.MapOrleansDashboard(routePrefix: PathOf(app.Configuration)).RequireAuthorization(adminPolicy);
        }
    }

    private static string[] Split(string? urls) =>
        (urls ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Key(string endpoint, string setting) => string.Create(CultureInfo.InvariantCulture, $"Kestrel:Endpoints:{endpoint}:{setting}");
}
