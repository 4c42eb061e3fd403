using System.Globalization;
using System.Text;
using AccountGrains.ClusterProcess.Tests.Harness;
using AccountGrains.Contracts.V1;
using AccountGrains.Telemetry.Tests.Support;
using AccountGrains.Testing.Postgres;
using Grpc.Net.Client;

namespace AccountGrains.Telemetry.Tests;

/// <summary>
/// Two silo processes on a real PostgreSQL, exporting over OTLP/HTTP to a loopback receiver: one call made to the
/// silo that does not own the account is one trace on both silos; the named metrics are exported; no exported byte
/// carries the API key or a recovery code.
/// </summary>
public sealed class TraceAcrossSilosTests(ITestOutputHelper log) : IAsyncLifetime
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    private readonly string _adminKey = Silos.NewKey();
    private readonly List<SiloNode> _nodes = [];
    private readonly List<GrpcChannel> _channels = [];
    private OtlpReceiver _receiver = null!;
    private PostgresServer _postgres = null!;

    public async Task InitializeAsync()
    {
        _receiver = await OtlpReceiver.StartAsync();
        _postgres = await PostgresServer.GetSharedAsync();
        var database = await _postgres.CreateDatabaseAsync("otel");
        var ports = Silos.FreePorts(6);
        var id = "otel-" + Guid.NewGuid().ToString("N")[..8];
        var cluster = new Dictionary<string, string>
        {
            ["ConnectionStrings__AccountGrains"] = database,
            ["Orleans__ClusterId"] = id,
            ["Orleans__ServiceId"] = id,
            ["Orleans__Endpoints__AdvertisedIPAddress"] = "127.0.0.1",
        };
        for (var i = 0; i < 2; i++)
        {
            var name = i == 0 ? "a" : "b";
            var environment = Silos.Merge(cluster, Silos.Keys(("admin", _adminKey)), Silos.Exporting(_receiver, name), new Dictionary<string, string>
            {
                ["Orleans__Endpoints__SiloPort"] = ports[2 + i].ToString(CultureInfo.InvariantCulture),
                ["Orleans__Endpoints__GatewayPort"] = ports[4 + i].ToString(CultureInfo.InvariantCulture),
            });
            _nodes.Add(await Silos.StartAsync(name, ports[i], environment));
            _channels.Add(Silos.Channel(ports[i]));
        }

        foreach (var channel in _channels)
        {
            await Silos.EventuallyAsync(async () => await Silos.ActiveSilosAsync(channel, _adminKey) == 2, Within, Outputs);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            log.WriteLine($"--- {node.Name} ---\n{node.Output}");
            await node.DisposeAsync();
        }

        _channels.ForEach(c => c.Dispose());
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task OneCall_ToTheSiloThatDoesNotOwnTheAccount_IsOneTraceOnBothSilos_AndTheMetricsAndNoSecretsAreExported()
    {
        var (account, owner, caller) = await AccountOwnedByOneSiloAsync();
        log.WriteLine($"{account} is active on silo {_nodes[owner].Name}; calling silo {_nodes[caller].Name}");

        var traceId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var parentId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..8]);
        var client = new AccountIntegrity.AccountIntegrityClient(_channels[caller]);
        await client.LockAsync(
            new LockRequest { AccountId = account, Reason = LockReason.SuspiciousActivity, Note = "otel test" },
            Silos.Bearer(_adminKey, $"00-{traceId}-{parentId}-01"),
            DateTime.UtcNow.AddSeconds(30));

        var callerName = _nodes[caller].Name;
        var ownerName = _nodes[owner].Name;
        await Silos.EventuallyAsync(
            () =>
            {
                // Each silo exports on its own schedule, and the server span ends (and is sent) last.
                var sofar = SpansOf(traceId);
                return Task.FromResult(
                    sofar.Any(s => Silo(s) == ownerName && s.Attributes.Keys.Any(k => k.StartsWith("db.", StringComparison.Ordinal)))
                    && sofar.Any(s => Silo(s) == callerName && s.ParentSpanId == parentId));
            },
            Within,
            () => Describe(SpansOf(traceId)));
        var spans = SpansOf(traceId);
        log.WriteLine(Describe(spans));

        // The gRPC server span continues the caller's traceparent and carries the rpc semantic conventions.
        var server = Assert.Single(spans, s => Silo(s) == callerName && s.ParentSpanId == parentId);
        Assert.Equal("grpc", server.Attributes.GetValueOrDefault("rpc.system.name"));
        Assert.Equal("accountgrains.v1.AccountIntegrity/Lock", server.Attributes.GetValueOrDefault("rpc.method"));
        Assert.Equal("OK", server.Attributes.GetValueOrDefault("rpc.response.status_code"));

        // The grain call runs on the owner, under the same trace, with the store's SQL beneath it.
        Assert.Contains(spans, s => Silo(s) == ownerName && s.Attributes.GetValueOrDefault("rpc.system.name") == "orleans");
        Assert.Contains(spans, s => Silo(s) == ownerName && s.Name == "accountgrains.store.append");
        Assert.Contains(spans, s => Silo(s) == ownerName && s.Attributes.Keys.Any(k => k.StartsWith("db.", StringComparison.Ordinal)));

        string[] named =
        [
            "http.server.request.duration", "orleans-catalog-activations", "accountgrains.store.append.duration",
            "accountgrains.store.append.batch_size", "accountgrains.cluster.lease.renewals", "accountgrains.cluster.fenced",
            "accountgrains.cluster.membership.size", "accountgrains.stream.subscriber.lag", "dotnet.gc.collections",
        ];
        await Silos.EventuallyAsync(
            () => Task.FromResult(named.All(MetricNames().Contains)),
            Within,
            () => "missing: " + string.Join(", ", named.Except(MetricNames())));

        // Calls, latency and status per method: the request-duration histogram by gRPC route and gRPC status.
        await Silos.EventuallyAsync(
            () => Task.FromResult(LockCallPoints(callerName).Any()),
            Within,
            () => "http.server.request.duration points: " + string.Join("; ", _receiver.Bodies("metrics").SelectMany(OtlpWire.HistogramPoints)
                .Where(p => p.Metric == "http.server.request.duration").Select(p => string.Join(' ', p.Attributes.Select(a => $"{a.Key}={a.Value}"))).Distinct()));

        await NoSecretIsExportedAsync(client, account);
    }

    private async Task NoSecretIsExportedAsync(AccountIntegrity.AccountIntegrityClient client, string account)
    {
        var traceId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var headers = Silos.Bearer(_adminKey, $"00-{traceId}-{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..8])}-01");
        var started = await client.StartRecoveryAsync(new StartRecoveryRequest { AccountId = account, Channel = RecoveryChannel.Email }, headers, DateTime.UtcNow.AddSeconds(30));
        await client.CompleteRecoveryAsync(new CompleteRecoveryRequest { AccountId = account, AttemptId = started.AttemptId, Code = started.Code }, headers, DateTime.UtcNow.AddSeconds(30));
        Assert.False(string.IsNullOrEmpty(started.Code));

        // Both calls' spans (and so the logs written meanwhile, on the same schedule) have been exported.
        await Silos.EventuallyAsync(() => Task.FromResult(SpansOf(traceId).Count(s => s.Attributes.GetValueOrDefault("rpc.method") is "accountgrains.v1.AccountIntegrity/StartRecovery" or "accountgrains.v1.AccountIntegrity/CompleteRecovery") >= 2), Within, () => Describe(SpansOf(traceId)));
        await Silos.EventuallyAsync(() => Task.FromResult(_receiver.Bodies("logs").Count > 0), Within, () => "no logs exported");
        var exported = _receiver.AllBodies();
        foreach (var secret in new[] { _adminKey, started.Code })
        {
            var bytes = Encoding.UTF8.GetBytes(secret);
            Assert.DoesNotContain(exported, body => body.AsSpan().IndexOf(bytes) >= 0);
        }
    }

    /// <summary>Activates a few accounts through silo a and picks one that is active on exactly one silo.</summary>
    private async Task<(string Account, int Owner, int Caller)> AccountOwnedByOneSiloAsync()
    {
        var accounts = Enumerable.Range(0, 8).Select(i => string.Create(CultureInfo.InvariantCulture, $"otel-{Guid.NewGuid():N}-{i}")).ToList();
        var client = new AccountIntegrity.AccountIntegrityClient(_channels[0]);
        foreach (var account in accounts)
        {
            await client.GetAccountAsync(new GetAccountRequest { AccountId = account }, Silos.Bearer(_adminKey), DateTime.UtcNow.AddSeconds(30));
        }

        var active = new List<HashSet<string>>();
        foreach (var channel in _channels)
        {
            var reply = await new ClusterAdmin.ClusterAdminClient(channel).ListActivationsAsync(new ListActivationsRequest(), Silos.Bearer(_adminKey), DateTime.UtcNow.AddSeconds(30));
            active.Add([.. reply.AccountIds]);
        }

        foreach (var account in accounts)
        {
            if (active[0].Contains(account) != active[1].Contains(account))
            {
                var owner = active[0].Contains(account) ? 0 : 1;
                return (account, owner, 1 - owner);
            }
        }

        throw new InvalidOperationException("No account was active on exactly one silo.");
    }

    private List<OtlpWire.Span> SpansOf(string traceId) =>
        [.. _receiver.Bodies("traces").SelectMany(OtlpWire.Spans).Where(s => s.TraceId == traceId)];

    private IEnumerable<IReadOnlyDictionary<string, string>> LockCallPoints(string silo) =>
        _receiver.Bodies("metrics")
            .Where(body => OtlpWire.ResourceOf(body).GetValueOrDefault("accountgrains.test.silo") == silo)
            .SelectMany(OtlpWire.HistogramPoints)
            .Where(p => p.Metric == "http.server.request.duration"
                && p.Attributes.GetValueOrDefault("http.route") == "/accountgrains.v1.AccountIntegrity/Lock"
                && p.Attributes.GetValueOrDefault("rpc.grpc.status_code") == "0")
            .Select(p => p.Attributes);

    private HashSet<string> MetricNames() => [.. _receiver.Bodies("metrics").SelectMany(OtlpWire.MetricNames)];

    private static string Silo(OtlpWire.Span span) => span.Resource.GetValueOrDefault("accountgrains.test.silo") ?? "?";

    private static string Describe(IEnumerable<OtlpWire.Span> spans) =>
        "spans: " + string.Join("\n  ", spans.Select(s => $"[{Silo(s)}] {s.Name} {s.SpanId} <- {s.ParentSpanId} {string.Join(' ', s.Attributes.Select(a => $"{a.Key}={a.Value}"))}"));

    private string Outputs() => string.Join("\n", _nodes.Select(n => $"--- {n.Name} ---\n{n.Output}"));
}
