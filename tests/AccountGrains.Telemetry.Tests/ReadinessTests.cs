using System.Globalization;
using AccountGrains.ClusterProcess.Tests.Harness;
using AccountGrains.Telemetry.Tests.Support;
using AccountGrains.Testing.Postgres;
using Grpc.Net.Client;
using static Grpc.Health.V1.HealthCheckResponse.Types;

namespace AccountGrains.Telemetry.Tests;

/// <summary>
/// Readiness (grpc.health.v1, the empty service) of a cluster silo on its own PostgreSQL: never SERVING before the
/// silo is active in the membership (probed from before its start: nothing listens until Orleans' join has finished), NOT_SERVING while it is fenced (the database is gone) and from the start of a
/// graceful leave, while liveness (the "liveness" service) answers SERVING all along.
/// </summary>
public sealed class ReadinessTests(ITestOutputHelper log) : IAsyncLifetime
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    private readonly string _adminKey = Silos.NewKey();
    private PostgresServer _postgres = null!;
    private string _database = null!;

    public async Task InitializeAsync()
    {
        _postgres = await PostgresServer.StartNewAsync();
        _database = await _postgres.CreateDatabaseAsync("ready");
    }

    public async Task DisposeAsync() => await _postgres.DisposeAsync();

    [Fact]
    public async Task Readiness_IsServingOnlyOnceActive_AndNotServingDuringGracefulLeave()
    {
        var (silo, channel, probes) = await StartSiloAsync();
        await using var _ = silo;
        using var __ = channel;

        // Probed as a kubelet would from before the process started: not ready (nothing listens: the gRPC endpoint opens
        // only after Orleans' join, so no earlier probe can succeed) until the first SERVING, which comes from a silo the
        // membership already counts as active.
        log.WriteLine($"probes until the first SERVING: {string.Join(", ", probes.Select(p => p?.ToString() ?? "no answer"))}");
        Assert.Equal(ServingStatus.Serving, probes[^1]);
        Assert.True(probes.Count > 1, "No probe was made before the silo served.");
        Assert.All(probes[..^1], p => Assert.NotEqual(ServingStatus.Serving, p));
        var output = silo.Output;
        var active = output.IndexOf("-Finished BecomeActive", StringComparison.Ordinal);
        var listening = output.IndexOf("Now listening on:", StringComparison.Ordinal);
        Assert.True(active >= 0 && listening > active, $"The silo listened before it was active in the cluster:\n{output}");
        Assert.Equal(1, await Silos.ActiveSilosAsync(channel, _adminKey));
        Assert.Equal(ServingStatus.Serving, await Silos.HealthAsync(channel, "liveness"));

        // A watch, not polls: a single silo's graceful stop can be over between two polls. The health service
        // pushes NOT_SERVING to watchers when the host begins to stop.
        using var watch = new Grpc.Health.V1.Health.HealthClient(channel).Watch(new Grpc.Health.V1.HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(60));
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(ServingStatus.Serving, watch.ResponseStream.Current.Status);
        var leaving = silo.TerminateAsync(TimeSpan.FromSeconds(60));
        var seen = new List<ServingStatus>();
        try
        {
            while (await watch.ResponseStream.MoveNext(CancellationToken.None))
            {
                seen.Add(watch.ResponseStream.Current.Status);
                if (watch.ResponseStream.Current.Status == ServingStatus.NotServing)
                {
                    break;
                }
            }
        }
        catch (Grpc.Core.RpcException)
        {
            // The stream ends with the process; what it said before is what counts.
        }

        Assert.True(seen.Contains(ServingStatus.NotServing), $"The silo exited without ever answering NOT_SERVING (seen: {string.Join(", ", seen)}):\n{silo.Output}");
        Assert.True(await leaving, silo.Output);
        log.WriteLine(silo.Output);
    }

    [Fact]
    public async Task Readiness_IsNotServingWhileTheSiloIsFenced_LivenessStaysServing()
    {
        var (silo, channel, _) = await StartSiloAsync();
        await using var __ = silo;
        using var ___ = channel;

        // The lease cannot be renewed: the silo fences itself (it serves no grain call) and readiness says so.
        await _postgres.StopAsync();
        // The store check fails at once; the fence follows within the serving window. Asked after the fence is logged,
        // readiness must still say NOT_SERVING.
        await Silos.EventuallyAsync(
            async () => silo.Output.Contains("Silo is fenced", StringComparison.Ordinal) && await Silos.HealthAsync(channel) == ServingStatus.NotServing,
            Within,
            () => silo.Output);
        if (!silo.HasExited)
        {
            Assert.Equal(ServingStatus.Serving, await Silos.HealthAsync(channel, "liveness"));
        }

        log.WriteLine(silo.Output);
    }

    /// <summary>Starts a silo, probing its readiness from before the process starts; returns every answer up to the first SERVING.</summary>
    private async Task<(SiloNode Silo, GrpcChannel Channel, List<ServingStatus?> Probes)> StartSiloAsync()
    {
        var ports = Silos.FreePorts(3);
        var id = "ready-" + Guid.NewGuid().ToString("N")[..8];
        var environment = Silos.Merge(Silos.Keys(("admin", _adminKey)), new Dictionary<string, string>
        {
            ["ConnectionStrings__AccountGrains"] = _database,
            ["Orleans__ClusterId"] = id,
            ["Orleans__ServiceId"] = id,
            ["Orleans__Endpoints__AdvertisedIPAddress"] = "127.0.0.1",
            ["Orleans__Endpoints__SiloPort"] = ports[1].ToString(CultureInfo.InvariantCulture),
            ["Orleans__Endpoints__GatewayPort"] = ports[2].ToString(CultureInfo.InvariantCulture),
        });
        var channel = Silos.Channel(ports[0]);
        using var stop = new CancellationTokenSource(Within);
        var probing = ProbeUntilServingAsync(channel, stop.Token);
        SiloNode silo;
        try
        {
            silo = await Silos.StartAsync("ready", ports[0], environment);
        }
        catch
        {
            await stop.CancelAsync();
            channel.Dispose();
            throw;
        }

        var probes = await probing;
        Assert.True(probes.Count > 0 && probes[^1] == ServingStatus.Serving, $"The silo never answered SERVING:\n{silo.Output}");
        return (silo, channel, probes);
    }

    private static async Task<List<ServingStatus?>> ProbeUntilServingAsync(GrpcChannel channel, CancellationToken stop)
    {
        var probes = new List<ServingStatus?>();
        while (!stop.IsCancellationRequested)
        {
            var status = await Silos.HealthAsync(channel);
            probes.Add(status);
            if (status == ServingStatus.Serving)
            {
                break;
            }

            await Task.Delay(100, CancellationToken.None);
        }

        return probes;
    }
}
