using AccountGrains.Grains;
using AccountGrains.Silo.OpsConsole;
using AccountGrains.Silo.Dashboard;
using AccountGrains.Silo.Telemetry;
using AccountGrains.Silo.Orleans;
using AccountGrains.Silo.Security;
using AccountGrains.Silo.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;

namespace AccountGrains.Silo.Hosting;

/// <summary>What a silo is made of, in the order it must start.</summary>
internal static class SiloHosting
{
    /// <summary>Where a silo listens when neither <c>--urls</c> nor <c>ASPNETCORE_URLS</c> says: loopback, gRPC's usual port.</summary>
    public const string DefaultUrl = "http://127.0.0.1:50051";

    public static WebApplicationBuilder AddAccountGrainsSilo(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        AddShippedDefaults(builder);
        SiloDashboard.AddEndpoints(builder, DefaultUrl);
        SiloConsole.AddEndpoints(builder, DefaultUrl);
        if (string.IsNullOrEmpty(configuration[WebHostDefaults.ServerUrlsKey]) && !configuration.GetSection("Kestrel:Endpoints").GetChildren().Any())
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // gRPC clients speak HTTP/2 with prior knowledge on cleartext; Kestrel's default (HTTP/1.1 and 2)
        // would only negotiate HTTP/2 over TLS. Configuration may still say otherwise per endpoint.
        if (string.IsNullOrEmpty(configuration["Kestrel:EndpointDefaults:Protocols"]))
        {
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http2));
        }

        ListenPolicy.EnsureLoopbackWhenOpen(configuration);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Services.TryAddSingleton(TimeProvider.System);
        var exporting = builder.AddAccountGrainsTelemetry();

        // The store (and its schema, Orleans' tables included) before Orleans: hosted services start in registration order.
        var store = builder.Services.AddAccountStore(configuration, builder.Environment.ContentRootPath);
        builder.UseOrleans(silo =>
        {
            silo.AddAccountGrains();
            silo.AddAccountGrainsTelemetry(exporting);
            silo.AddDashboard(configuration);
            SiloOrleans.Configure(silo, configuration, store);
        });
        builder.Services.AddAccountGateway(configuration);
        builder.Services.AddDashboardSession(configuration);
        return builder;
    }

    // The content root is the working folder, so the published binary started elsewhere would miss the
    // appsettings.json shipped beside it; load that one first, as the lowest-precedence defaults.
    private static void AddShippedDefaults(WebApplicationBuilder builder)
    {
        var shippedFolder = AppContext.BaseDirectory;
        if (Path.GetFullPath(shippedFolder).TrimEnd('/') == Path.GetFullPath(builder.Environment.ContentRootPath).TrimEnd('/')
            || !File.Exists(Path.Combine(shippedFolder, "appsettings.json")))
        {
            return;
        }

        builder.Configuration.Sources.Insert(0, new JsonConfigurationSource
        {
            FileProvider = new PhysicalFileProvider(shippedFolder),
            Path = "appsettings.json",
            Optional = true,
        });
    }

    public static WebApplication MapAccountGrainsSilo(this WebApplication app)
    {
        app.UseAccountGrainsTelemetry(SiloTelemetry.IsExporting(app.Configuration));
        app.MapAccountGateway();
        app.MapDashboard(DashboardSession.DashboardPolicy(app.Configuration, AccountGatewayServiceCollectionExtensions.AdminPolicy));
        app.MapConsole();
        app.MapDashboardSession(AccountGatewayServiceCollectionExtensions.AdminPolicy);
        app.Lifetime.ApplicationStarted.Register(() => LogStarted(app));
        return app;
    }

    private static void LogStarted(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var store = app.Services.GetRequiredService<StoreDescription>();
        SiloLog.Started(app.Logger, string.Join(", ", addresses), store.Kind, store.Where);
        if (ListenPolicy.IsOpen(app.Configuration))
        {
            SiloLog.OpenGateway(app.Logger);
        }
    }
}
