using System.Globalization;
using AccountGrains.Api.Tests.Support;
using AccountGrains.Testing;
using AccountGrains.Testing.Postgres;
using Grpc.Net.Client;

namespace AccountGrains.Api.Tests.Workflows;

/// <summary>
/// The integrity workflows end to end on the real PostgreSQL store: a silo process on its own database (Orleans
/// clustering, reminders, the event store and the reporting projection's queues all in PostgreSQL) runs dual control,
/// an appeal and an audit verdict, each through its queue.
/// </summary>
public sealed class WorkflowsOnPostgresTests : IAsyncLifetime
{
    private readonly ApiKeys _keys = new();
    private SiloProcess? _silo;
    private GrpcChannel? _channel;

    private WorkflowScenario Scenario => new(_channel!, _keys);

    public async Task InitializeAsync()
    {
        var server = await PostgresServer.GetSharedAsync();
        var connection = await server.CreateDatabaseAsync("workflows");
        var cluster = "workflows-" + Guid.NewGuid().ToString("N")[..8];
        var environment = _keys.Configuration(separator: "__").Concat(new Dictionary<string, string?>
        {
            ["ConnectionStrings__AccountGrains"] = connection,
            ["Orleans__ClusterId"] = cluster,
            ["Orleans__ServiceId"] = cluster,
            ["Orleans__Endpoints__AdvertisedIPAddress"] = "127.0.0.1",
            ["Orleans__Endpoints__SiloPort"] = SiloProcess.FreePort().ToString(CultureInfo.InvariantCulture),
            ["Orleans__Endpoints__GatewayPort"] = SiloProcess.FreePort().ToString(CultureInfo.InvariantCulture),
            ["AccountGrains__Audits__ActionShares__Agent.LockPlaced"] = "1",
            ["AccountGrains__Audits__ActionShares__Vendor.LockPlaced"] = "1",
            ["Logging__LogLevel__Orleans"] = "Warning",
            ["DOTNET_gcServer"] = "0",
        });
        var (silo, address) = await SiloProcess.StartAsync(environment);
        _silo = silo;
        _channel = GrpcChannel.ForAddress(address);
    }

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }

    [Fact]
    public async Task DualControlAppealAndAudit_RunThroughTheirQueues_OnPostgres()
    {
        await Scenario.DualControlThroughTheQueueAsync(ApiSiloAccount("pg-dual"));
        await Scenario.AppealThroughTheQueueAsync(ApiSiloAccount("pg-appeal"));
        await Scenario.AuditThroughTheQueueAsync(ApiSiloAccount("pg-audit"));
        await Refused.WithAsync(StatusCode.PermissionDenied, async () => await Scenario.Admin.ListAuditQueueAsync(new Contracts.V1.ListAuditQueueRequest(), Scenario.As("vendor")));
    }

    private static string ApiSiloAccount(string label) => ApiSilo.NewAccount(label);
}
