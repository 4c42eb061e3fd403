using AccountGrains.Testing;
using System.Globalization;
using AccountGrains.Api.Tests.Support;
using AccountGrains.Contracts.V1;
using AccountGrains.Testing.Postgres;
using Grpc.Net.Client;

namespace AccountGrains.Api.Tests.Watch;

/// <summary>
/// Three silo processes in one Orleans cluster on a real PostgreSQL (their own database). The live tails of silos 1 and 2
/// poll only once a minute, so an event that reaches their subscribers sooner came by the NOTIFY wake-up.
/// </summary>
public sealed class ThreeSilosOnPostgres : IAsyncLifetime
{
    private readonly List<SiloProcess> _silos = [];
    private readonly List<GrpcChannel> _channels = [];

    /// <summary>How many silos the cluster has.</summary>
    public const int Count = 3;

    public ApiKeys Keys { get; } = new();

    public string ConnectionString { get; private set; } = "";

    public IReadOnlyList<Uri> Addresses { get; private set; } = [];

    public ApiClient Client(int silo, string role) =>
        new(new AccountIntegrity.AccountIntegrityClient(_channels[silo]), Keys.HeadersOf(role));

    public string Output(int silo) => _silos[silo].Output;

    public async Task InitializeAsync()
    {
        var server = await PostgresServer.GetSharedAsync();
        ConnectionString = await server.CreateDatabaseAsync("watch");
        var cluster = "watch-" + Guid.NewGuid().ToString("N")[..8];
        var addresses = new List<Uri>();
        for (var i = 0; i < Count; i++)
        {
            var environment = Keys.Configuration(separator: "__").Concat(new Dictionary<string, string?>
            {
                ["ConnectionStrings__AccountGrains"] = ConnectionString,
                ["Orleans__ClusterId"] = cluster,
                ["Orleans__ServiceId"] = cluster,
                ["Orleans__Endpoints__AdvertisedIPAddress"] = "127.0.0.1",
                ["Orleans__Endpoints__SiloPort"] = FreePort(),
                ["Orleans__Endpoints__GatewayPort"] = FreePort(),
                ["AccountGrains__Watch__PollInterval"] = i == 0 ? "00:00:01" : "00:01:00",
                // The start line ("listening on") is Information; Orleans' option dump is not needed.
                ["Logging__LogLevel__Orleans"] = "Warning",
                ["DOTNET_gcServer"] = "0",
            });
            var (silo, address) = await SiloProcess.StartAsync(environment);
            _silos.Add(silo);
            addresses.Add(address);
            _channels.Add(GrpcChannel.ForAddress(address));
        }

        Addresses = addresses;
    }

    public async Task DisposeAsync()
    {
        _channels.ForEach(c => c.Dispose());
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }
    }

    private static string FreePort() => SiloProcess.FreePort().ToString(CultureInfo.InvariantCulture);
}
