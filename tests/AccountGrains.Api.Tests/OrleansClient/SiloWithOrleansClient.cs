using AccountGrains.Testing;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using AccountGrains.Api.Tests.Support;
using AccountGrains.Contracts.V1;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AccountGrains.Api.Tests.OrleansClient;

/// <summary>
/// The silo as an operator runs it (a process, with API keys and its Orleans ports and ids from Orleans' own
/// configuration keys), and beside it what another .NET service would run: a separate Orleans client host
/// connected through the silo's gateway port, plus a grpc-dotnet channel on the silo's gRPC address.
/// </summary>
public sealed class SiloWithOrleansClient : IAsyncLifetime
{
    private const string ServiceId = "accountgrains-oclient-tests";

    private readonly string _clusterId = "oclient-" + Guid.NewGuid().ToString("N")[..8];
    private SiloProcess? _silo;
    private IHost? _client;
    private GrpcChannel? _channel;

    public ApiKeys Keys { get; } = new();

    /// <summary>The Orleans client: grains called directly, not through gRPC.</summary>
    public IClusterClient Orleans => _client!.Services.GetRequiredService<IClusterClient>();

    /// <summary>Everything the silo process printed so far, for failure messages.</summary>
    public string SiloOutput => _silo?.Output ?? "";

    public async Task InitializeAsync()
    {
        var (siloPort, gatewayPort) = (FreePort(), FreePort());
        var (silo, address) = await SiloProcess.StartAsync(Keys.Configuration(separator: "__").Concat(
        [
            new("Orleans__Endpoints__SiloPort", siloPort.ToString(CultureInfo.InvariantCulture)),
            new("Orleans__Endpoints__GatewayPort", gatewayPort.ToString(CultureInfo.InvariantCulture)),
            new("Orleans__ServiceId", ServiceId),
            new("Orleans__ClusterId", _clusterId),
        ]));
        _silo = silo;
        _channel = GrpcChannel.ForAddress(address);

        // A client that knows only the gateway port and the ids: the silo must have taken all three from Orleans' keys.
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client => client.UseLocalhostClustering(gatewayPort, ServiceId, _clusterId));
        _client = builder.Build();
        using var connect = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _client.StartAsync(connect.Token);
    }

    /// <summary>A grpc-dotnet client holding <paramref name="role"/>'s API key.</summary>
    public ApiClient Grpc(string role) => new(new AccountIntegrity.AccountIntegrityClient(_channel!), Keys.HeadersOf(role));

    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.StopAsync();
            _client.Dispose();
        }

        _channel?.Dispose();
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
