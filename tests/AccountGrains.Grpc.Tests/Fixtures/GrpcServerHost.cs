using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AccountGrains.Grpc.Tests.Fixtures;

/// <summary>
/// A real Kestrel on 127.0.0.1 with the gRPC server: an HTTP/2-only cleartext endpoint (<see cref="Address"/>) and a
/// mixed HTTP/1.1+HTTP/2 one (<see cref="Http1Address"/>) to show how HTTP/1.x requests are answered.
/// </summary>
public sealed class GrpcServerHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GrpcServerHost(WebApplication app, Uri address, Uri http1Address)
    {
        _app = app;
        Address = address;
        Http1Address = http1Address;
    }

    /// <summary>The HTTP/2-only endpoint, <c>http://127.0.0.1:port</c>.</summary>
    public Uri Address { get; }

    /// <summary>The port of <see cref="Address"/>.</summary>
    public int Port => Address.Port;

    /// <summary>An endpoint that accepts HTTP/1.1 (and HTTP/2 by prior knowledge is not offered there without TLS).</summary>
    public Uri Http1Address { get; }

    /// <summary>The host's services (HealthService, options...).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a server with the given services registered (AddGrpcServer is called for you).</summary>
    public static async Task<GrpcServerHost> StartAsync(Action<IServiceCollection> configureServices, Action<GrpcServerOptions>? configureOptions = null)
    {
        ArgumentNullException.ThrowIfNull(configureServices);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        if (Environment.GetEnvironmentVariable("GRPC_TEST_LOG") is { Length: > 0 } level)
        {
            // Debugging aid: GRPC_TEST_LOG=Debug prints Kestrel's and the server's logs.
            builder.Logging.AddSimpleConsole().SetMinimumLevel(Enum.Parse<LogLevel>(level));
        }

        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.ListenGrpcCleartext(IPAddress.Loopback, 0);
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1AndHttp2);
        });
        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.AddGrpcServer(configureOptions);
        configureServices(builder.Services);
        var app = builder.Build();
        app.MapGrpcServices();
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
        return new GrpcServerHost(app, addresses[0], addresses[1]);
    }

    /// <summary>A client that speaks HTTP/2 without TLS (prior knowledge) to <see cref="Address"/>.</summary>
    public HttpClient CreateHttpClient(TimeSpan? timeout = null) =>
        new(new SocketsHttpHandler { EnableMultipleHttp2Connections = true })
        {
            BaseAddress = Address,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = timeout ?? TimeSpan.FromSeconds(20),
        };

    /// <summary>Stops the host gracefully (streams end with UNAVAILABLE, Kestrel sends GOAWAY).</summary>
    public Task StopAsync() => _app.StopAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
