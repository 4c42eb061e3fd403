using System.Net;
using System.Net.Sockets;
using AccountGrains.Contracts.V1;
using AccountGrains.Grains;
using AccountGrains.Storage;
using AccountGrains.Storage.Reports;
using AccountGrains.Storage.Sqlite;
using AccountGrains.Streaming;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AccountGrains.Api.Tests.Support;

/// <summary>
/// A real silo in this process, composed as the silo host composes one: a WebApplication running Orleans
/// (localhost clustering on free ports, the account grain, SQLite reminders) over a SQLite event store in a temp
/// folder, and the gateway on 127.0.0.1 and a free port (HTTP/2 cleartext). It is configured with one API key per
/// role and one JWT signing key, a 64 KiB message limit and a small WatchEvents buffer. Accounts are per test (<see cref="NewAccount"/>), so
/// tests share it.
/// </summary>
public sealed class ApiSilo : IAsyncLifetime
{
    /// <summary>Live events buffered per WatchEvents subscriber, small so the slow-subscriber test overflows it soon.</summary>
    public const int WatchSubscriberBuffer = 64;

    /// <summary>The silo's receive limit, small so the oversize test sends little.</summary>
    public const int MaxReceiveMessageSize = 64 * 1024;

    private readonly string _directory = Directory.CreateTempSubdirectory("accountgrains-api-").FullName;
    private WebApplication? _app;

    public ApiKeys Keys { get; } = new();

    public JwtTokens Tokens { get; } = new();

    public Uri Address { get; private set; } = null!;

    public GrpcChannel Channel { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = _directory, EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["AccountGrains:Grpc:MaxReceiveMessageSize"] = MaxReceiveMessageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AccountGrains:Watch:SubscriberBuffer"] = WatchSubscriberBuffer.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AccountGrains:Watch:PageSize"] = "100",

            // Every agent and vendor lock is sampled for a quality audit, so the audit tests know which actions are queued.
            ["AccountGrains:Audits:ActionShares:Agent.LockPlaced"] = "1",
            ["AccountGrains:Audits:ActionShares:Vendor.LockPlaced"] = "1",
        });
        builder.Configuration.AddInMemoryCollection(Keys.Configuration());
        builder.Configuration.AddInMemoryCollection(Tokens.Configuration());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.Protocols = HttpProtocols.Http2));

        // The store, and its schema, before Orleans: hosted services start in registration order.
        var storeOptions = new SqliteStoreOptions { Path = Path.Combine(_directory, "accounts.db") };
        builder.Services.AddSingleton(storeOptions);
        builder.Services.AddSingleton(_ => new SqliteStore(storeOptions));
        builder.Services.AddSingleton<IEventStore>(sp => sp.GetRequiredService<SqliteStore>());
        builder.Services.AddSingleton<IReportStore>(sp => sp.GetRequiredService<SqliteStore>());
        builder.Services.AddSingleton(sp => sp.GetRequiredService<SqliteStore>().LogSignal);
        builder.Services.AddHostedService<SchemaMigration>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(siloPort: FreePort(), gatewayPort: FreePort(), serviceId: "accountgrains-api-tests", clusterId: "api-" + Guid.NewGuid().ToString("N")[..8])
            .AddAccountGrains()
            .AddAccountEventStreams()
            .UseSqliteReminderTable());
        builder.Services.AddAccountGateway(builder.Configuration);

        _app = builder.Build();
        _app.MapAccountGateway();
        await _app.StartAsync();
        Address = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        Channel = GrpcChannel.ForAddress(Address, new GrpcChannelOptions { MaxReceiveMessageSize = null, MaxSendMessageSize = null });
    }

    /// <summary>A client holding <paramref name="role"/>'s API key (agent and vendor act for <see cref="ApiKeys.AgentOf"/>).</summary>
    public ApiClient Client(string role) => WithHeaders(Keys.HeadersOf(role));

    /// <summary>A client holding a JWT for <paramref name="role"/> (no <c>x-on-behalf-of</c>: a token's subject already names who acts).</summary>
    public ApiClient JwtClient(string role) => WithBearer(Tokens.For(role));

    /// <summary>A client sending <c>authorization: Bearer <paramref name="credential"/></c> and nothing else.</summary>
    public ApiClient WithBearer(string credential, string? onBehalfOf = null)
    {
        var headers = new Metadata { { "authorization", "Bearer " + credential } };
        if (onBehalfOf is not null)
        {
            headers.Add("x-on-behalf-of", onBehalfOf);
        }

        return WithHeaders(headers);
    }

    /// <summary>A client sending exactly <paramref name="headers"/>.</summary>
    public ApiClient WithHeaders(Metadata headers) => new(new AccountIntegrity.AccountIntegrityClient(Channel), headers);

    /// <summary>An account id no other test uses.</summary>
    public static string NewAccount(string label) => $"{label}-{Guid.NewGuid():N}"[..Math.Min(64, label.Length + 33)];

    public async Task DisposeAsync()
    {
        Channel?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class SchemaMigration(SqliteStore store) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => store.MigrateAsync(cancellationToken).AsTask();

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>The tests that share one in-process silo.</summary>
[CollectionDefinition(Name)]
public sealed class ApiSiloCollection : ICollectionFixture<ApiSilo>
{
    public const string Name = "api silo";
}
