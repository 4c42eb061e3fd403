using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using AccountGrains.ClusterProcess.Tests.Harness;
using AccountGrains.Contracts.V1;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace AccountGrains.Telemetry.Tests.Support;

/// <summary>Silo processes for these tests: ports, an admin API key, OTLP export to a receiver, and their gRPC clients.</summary>
internal static class Silos
{
    /// <summary>A random admin API key (64 hex digits): what must never appear in telemetry.</summary>
    public static string NewKey() => Convert.ToHexString(RandomNumberGenerator.GetBytes(32));

    public static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }

    /// <summary>Configuration of one API key per role given, named "{role}-svc", as environment variables.</summary>
    public static Dictionary<string, string> Keys(params (string Role, string Key)[] keys)
    {
        var environment = new Dictionary<string, string>();
        for (var i = 0; i < keys.Length; i++)
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"AccountGrains__Auth__Keys__{i}__");
            environment[prefix + "Name"] = keys[i].Role + "-svc";
            environment[prefix + "Role"] = keys[i].Role;
            environment[prefix + "Sha256"] = Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(keys[i].Key)));
        }

        return environment;
    }

    /// <summary>Exporting to <paramref name="receiver"/> over OTLP/HTTP protobuf, quickly (a 1 s metric interval, 200 ms batches).</summary>
    public static Dictionary<string, string> Exporting(OtlpReceiver receiver, string siloName) => new()
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Endpoint.ToString().TrimEnd('/'),
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_SERVICE_NAME"] = "accountgrains-silo",
        ["OTEL_RESOURCE_ATTRIBUTES"] = "accountgrains.test.silo=" + siloName,
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        ["OTEL_BLRP_SCHEDULE_DELAY"] = "200",
    };

    public static Dictionary<string, string> Merge(params IReadOnlyDictionary<string, string>[] parts)
    {
        var merged = new Dictionary<string, string>();
        foreach (var (key, value) in parts.SelectMany(p => p))
        {
            merged[key] = value;
        }

        return merged;
    }

    public static GrpcChannel Channel(int port) => GrpcChannel.ForAddress(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));

    public static Metadata Bearer(string key, string? traceparent = null)
    {
        var headers = new Metadata { { "authorization", "Bearer " + key } };
        if (traceparent is not null)
        {
            headers.Add("traceparent", traceparent);
        }

        return headers;
    }

    /// <summary>grpc.health.v1 Check of <paramref name="service"/>, with a 2 s deadline; null when nothing answers.</summary>
    public static async Task<HealthCheckResponse.Types.ServingStatus?> HealthAsync(GrpcChannel channel, string service = "")
    {
        try
        {
            var reply = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest { Service = service }, deadline: DateTime.UtcNow.AddSeconds(2));
            return reply.Status;
        }
        catch (RpcException)
        {
            return null;
        }
    }

    /// <summary>Polls <paramref name="probe"/> every 100 ms until it holds; the bound only guards against hanging.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> probe, TimeSpan within, Func<string> explain)
    {
        var until = DateTime.UtcNow + within;
        while (!await probe())
        {
            Assert.True(DateTime.UtcNow < until, $"The condition did not hold within {within}: {explain()}");
            await Task.Delay(100);
        }
    }

    public static async Task<int> ActiveSilosAsync(GrpcChannel channel, string adminKey)
    {
        try
        {
            var reply = await new ClusterAdmin.ClusterAdminClient(channel).ListSilosAsync(new ListSilosRequest(), Bearer(adminKey), DateTime.UtcNow.AddSeconds(5));
            return reply.Silos.Count(s => s.Status == Contracts.V1.SiloStatus.Active);
        }
        catch (RpcException)
        {
            return 0;
        }
    }

    public static Task<SiloNode> StartAsync(string name, int port, IReadOnlyDictionary<string, string> environment) =>
        SiloNode.StartAsync(name, port, Merge(new Dictionary<string, string>
        {
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__LogLevel__Polly"] = "Warning",
            ["Logging__LogLevel__Orleans.Runtime.SiloOptionsLogger"] = "Warning",
            ["DOTNET_gcServer"] = "0",
        }, environment));
}
