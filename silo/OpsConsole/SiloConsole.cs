using System.Globalization;
using AccountGrains.Silo.Storage;
using Microsoft.Extensions.FileProviders;

namespace AccountGrains.Silo.OpsConsole;

/// <summary>
/// The operations console: static pages embedded in the silo, served under <see cref="Path"/> on an endpoint of their
/// own (<c>AccountGrains:Console:Urls</c>), beside the HTTP/JSON API (the gateway's transcoded /v1 routes) they read.
/// </summary>
/// <remarks>
/// Browsers need HTTP/1.1 (or TLS), and the gRPC endpoints are cleartext HTTP/2 only, so the console's URLs are added
/// as Kestrel endpoints with their own protocols; the gRPC URLs then move into <c>Kestrel:Endpoints</c> unchanged,
/// because Kestrel binds either the URLs or configured endpoints, not both. Absent, the console listens on
/// <see cref="DefaultUrl"/> only when the silo itself runs on its defaults (one silo, no URLs or endpoints
/// configured): several silos on one machine, each configured, would otherwise contend for one port. Empty: off.
/// </remarks>
internal static class SiloConsole
{
    public const string Section = "AccountGrains:Console";

    /// <summary>The console's listen URL when nothing says otherwise: loopback, beside gRPC's 50051.</summary>
    public const string DefaultUrl = "http://127.0.0.1:50052";

    /// <summary>Where the pages are served.</summary>
    public const string Path = "/console";

    private const string EndpointPrefix = "AccountGrainsConsole";

    private const string ResourceNamespace = "AccountGrains.Console";

    /// <summary>
    /// Adds the console's URLs as Kestrel endpoints (HTTP/1.1, and HTTP/2 too over TLS) beside the silo's gRPC URLs
    /// (the configured ones, or <paramref name="defaultGrpcUrl"/>), before anything reads the listen configuration.
    /// Returns whether the console is on.
    /// </summary>
    public static bool AddEndpoints(WebApplicationBuilder builder, string defaultGrpcUrl)
    {
        var configuration = builder.Configuration;
        var urls = UrlsOf(configuration);
        if (urls.Length == 0)
        {
            return false;
        }

        // The default written down, so that later readers (MapConsole) see the console on once Kestrel:Endpoints exist.
        var endpoints = new Dictionary<string, string?> { [$"{Section}:Urls"] = string.Join(';', urls) };
        if (!configuration.GetSection("Kestrel:Endpoints").GetChildren().Any())
        {
            var grpcUrls = Split(configuration[WebHostDefaults.ServerUrlsKey]) is { Length: > 0 } configured ? configured : [defaultGrpcUrl];
            for (var i = 0; i < grpcUrls.Length; i++)
            {
                endpoints[Key($"Grpc{i}", "Url")] = grpcUrls[i];
            }
        }

        for (var i = 0; i < urls.Length; i++)
        {
            endpoints[Key($"{EndpointPrefix}{i}", "Url")] = urls[i];
            endpoints[Key($"{EndpointPrefix}{i}", "Protocols")] =
                urls[i].StartsWith("https:", StringComparison.OrdinalIgnoreCase) ? "Http1AndHttp2" : "Http1";
        }

        configuration.AddInMemoryCollection(endpoints);
        return true;
    }

    /// <summary>The configured URLs; absent, <see cref="DefaultUrl"/> when the silo runs on its defaults; empty: none.</summary>
    public static string[] UrlsOf(IConfiguration configuration)
    {
        if (configuration[$"{Section}:Urls"] is { } configured)
        {
            return Split(configured);
        }

        var onDefaults = string.IsNullOrEmpty(configuration[WebHostDefaults.ServerUrlsKey])
            && !configuration.GetSection("Kestrel:Endpoints").GetChildren().Any()
            && string.IsNullOrWhiteSpace(configuration.GetConnectionString(SiloStorage.ConnectionStringName));
        return onDefaults ? [DefaultUrl] : [];
    }

    /// <summary>Serves the embedded pages under <see cref="Path"/>; they hold no data and need no credential.</summary>
    public static void MapConsole(this WebApplication app)
    {
        if (Split(app.Configuration[$"{Section}:Urls"]).Length == 0)
        {
            return;
        }

        var files = new EmbeddedFileProvider(typeof(SiloConsole).Assembly, ResourceNamespace);
        // Not an endpoint: routing ignores a trailing slash, and the static file middleware serves nothing once an endpoint matched.
        app.Use((context, next) =>
        {
            if (context.Request.Path.Value == Path)
            {
                context.Response.Redirect(Path + "/");
                return Task.CompletedTask;
            }

            return next(context);
        });
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = Path });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            RequestPath = Path,
            OnPrepareResponse = context =>
            {
                // The pages run only their own scripts and talk only to this origin: an injected script could read the
                // credential kept in the session.
                context.Context.Response.Headers.ContentSecurityPolicy =
                    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'";
                context.Context.Response.Headers.CacheControl = "no-cache";
            },
        });
        app.MapConsoleCaller();
    }

    private static string[] Split(string? urls) =>
        (urls ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Key(string endpoint, string setting) => string.Create(CultureInfo.InvariantCulture, $"Kestrel:Endpoints:{endpoint}:{setting}");
}
