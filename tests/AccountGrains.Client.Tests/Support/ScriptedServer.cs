using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AccountGrains.Client.Tests.Support;

/// <summary>
/// A real grpc-dotnet server on Kestrel, HTTP/2 cleartext on a free 127.0.0.1 port, serving the scripted
/// AccountIntegrity and ClusterAdmin services; one per test, stopped on dispose.
/// </summary>
public sealed class ScriptedServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ScriptedServer(WebApplication app, Script script, Uri address)
    {
        _app = app;
        Script = script;
        Address = address;
    }

    public Script Script { get; }

    public Uri Address { get; }

    public static async Task<ScriptedServer> StartAsync(Script? script = null)
    {
        script ??= new Script();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Logging.ClearProviders();
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(script);

        var app = builder.Build();
        app.MapGrpcService<ScriptedAccountIntegrity>();
        app.MapGrpcService<ScriptedClusterAdmin>();
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new ScriptedServer(app, script, new Uri(address));
    }

    /// <summary>A client of this server: test-sized backoffs unless <paramref name="configure"/> says otherwise.</summary>
    public AccountIntegrityClient Client(Action<AccountIntegrityClientOptions>? configure = null)
    {
        var options = new AccountIntegrityClientOptions
        {
            Address = Address,
            Retry = new AccountIntegrityRetryOptions { InitialBackoff = TimeSpan.FromMilliseconds(1), MaxBackoff = TimeSpan.FromMilliseconds(5) },
        };
        configure?.Invoke(options);
        return new AccountIntegrityClient(options);
    }

    /// <summary>A shared channel to this server with test-sized backoffs.</summary>
    public AccountIntegrityChannel Channel(TimeSpan? defaultTimeout = null) => new(new AccountIntegrityChannelOptions
    {
        Address = Address,
        DefaultTimeout = defaultTimeout ?? TimeSpan.FromSeconds(5),
        Retry = new AccountIntegrityRetryOptions { InitialBackoff = TimeSpan.FromMilliseconds(1), MaxBackoff = TimeSpan.FromMilliseconds(5) },
    });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
