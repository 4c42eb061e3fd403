using System.Globalization;
using System.Net;
using System.Net.Sockets;
using AccountGrains.Client;
using AccountGrains.Testing.Postgres;
using Grpc.Net.Client;

namespace AccountGrains.ClusterProcess.Tests.Harness;

/// <summary>
/// An Orleans cluster on this machine: one dedicated PostgreSQL (a fresh database), N silo processes, each slot with
/// fixed loopback ports (gRPC, Orleans silo-to-silo, Orleans gateway; a replacement reuses its slot's ports, so one
/// client per slot stays valid, and Orleans sees it as a new generation), one cluster and service id per harness,
/// one client and admin channel per slot. Disposing kills every process, paused or not, and stops PostgreSQL.
/// </summary>
internal sealed partial class ClusterHarness : IAsyncDisposable
{
    private readonly ITestOutputHelper _log;
    private readonly Dictionary<string, string> _environment;
    private readonly SiloNode?[] _nodes;
    private readonly bool[] _serving;
    private readonly int[] _ports;
    private readonly int[] _siloPorts;
    private readonly int[] _gatewayPorts;
    private readonly SocketsHttpHandler _http;
    private readonly AccountIntegrityChannel[] _channels;
    private readonly GrpcChannel[] _healthChannels;
    private readonly AccountIntegrityClient[] _clients;
    private readonly ClusterAdminClient[] _admins;
    private readonly List<SiloNode> _retired = [];
    private readonly object _gate = new();
    private readonly string _logFolder;
    private int _generation;

    private ClusterHarness(PostgresServer postgres, string connectionString, int silos, ITestOutputHelper log)
    {
        Postgres = postgres;
        ConnectionString = connectionString;
        _log = log;
        _nodes = new SiloNode?[silos];
        _serving = new bool[silos];
        var ports = FreePorts(3 * silos);
        _ports = ports[..silos];
        _siloPorts = ports[silos..(2 * silos)];
        _gatewayPorts = ports[(2 * silos)..];
        // Every call the tests make carries its own deadline; the handler only bounds connecting to a dead port.
        _http = new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2), EnableMultipleHttp2Connections = true };
        var addresses = _ports.Select(p => new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{p}"))).ToList();
        _channels = [.. addresses.Select(a => new AccountIntegrityChannel(new AccountIntegrityChannelOptions { Address = a, HttpHandler = _http }))];
        _healthChannels = [.. addresses.Select(a => GrpcChannel.ForAddress(a, new GrpcChannelOptions { HttpHandler = _http, DisposeHttpClient = false }))];
        _clients = [.. _channels.Select(c => new AccountIntegrityClient(c))];
        _admins = [.. _channels.Select(c => new ClusterAdminClient(c))];
        var id = "cpt-" + Guid.NewGuid().ToString("N")[..8];
        _logFolder = Path.Combine(Path.GetTempPath(), "accountgrains-cluster-tests", id);
        _environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__AccountGrains"] = connectionString,
            ["Orleans__ClusterId"] = id,
            ["Orleans__ServiceId"] = id,
            ["Orleans__Endpoints__AdvertisedIPAddress"] = "127.0.0.1",
            ["Logging__LogLevel__Default"] = "Information",
            // Orleans' placement retries log every attempt through Polly at Information.
            ["Logging__LogLevel__Polly"] = "Warning",
            // Every option's value at start: a hundred lines per silo that would push the failure out of CI's view.
            ["Logging__LogLevel__Orleans.Runtime.SiloOptionsLogger"] = "Warning",
            ["DOTNET_gcServer"] = "0",
        };
    }

    public PostgresServer Postgres { get; }

    public string ConnectionString { get; }

    public int Count => _nodes.Length;

    /// <summary>The product's promise (issue 8): a lost silo's accounts are served again by the others within this.</summary>
    public static TimeSpan FailoverBound => TimeSpan.FromSeconds(5);

    /// <summary>Slots a load balancer would send to: started, and not killed, paused or being stopped by the test.</summary>
    public IReadOnlyList<int> ServingSlots
    {
        get
        {
            lock (_gate)
            {
                return [.. Enumerable.Range(0, Count).Where(i => _serving[i] && _nodes[i] is { HasExited: false })];
            }
        }
    }

    /// <summary>Starts PostgreSQL, creates a database, and starts <paramref name="silos"/> silos; returns when all are SERVING.</summary>
    public static async Task<ClusterHarness> StartAsync(int silos, ITestOutputHelper log)
    {
        var postgres = await PostgresServer.StartNewAsync();
        ClusterHarness? harness = null;
        try
        {
            var database = await postgres.CreateDatabaseAsync("cluster");
            harness = new ClusterHarness(postgres, database, silos, log);
            // The first silo alone (it creates the schema and the cluster), then the others together: Orleans joins them.
            await harness.StartAsync(0);
            await Task.WhenAll(Enumerable.Range(1, silos - 1).Select(harness.StartAsync));
            await harness.WaitUntilFormedAsync();

            return harness;
        }
        catch
        {
            if (harness is not null)
            {
                harness.PrintOutputs();
                await harness.DisposeAsync();
            }
            else
            {
                await postgres.DisposeAsync();
            }

            throw;
        }
    }

    public AccountIntegrityClient Client(int slot) => _clients[slot];

    public SiloNode Node(int slot) => _nodes[slot] ?? throw new InvalidOperationException($"Slot {slot} has no process.");

    public string Name(int slot) => _nodes[slot]?.Name ?? $"silo{slot}";

    /// <summary>Starts (or replaces) the silo of <paramref name="slot"/> on the slot's ports and waits until its health is SERVING.</summary>
    public async Task StartAsync(int slot)
    {
        if (_nodes[slot] is { } old)
        {
            await old.DisposeAsync();
            lock (_retired)
            {
                _retired.Add(old);
            }
        }

        var name = string.Create(CultureInfo.InvariantCulture, $"silo{slot}.{Interlocked.Increment(ref _generation)}");
        var environment = new Dictionary<string, string>(_environment)
        {
            ["Orleans__Endpoints__SiloPort"] = _siloPorts[slot].ToString(CultureInfo.InvariantCulture),
            ["Orleans__Endpoints__GatewayPort"] = _gatewayPorts[slot].ToString(CultureInfo.InvariantCulture),
        };
        var node = await SiloNode.StartAsync(name, _ports[slot], environment);
        _nodes[slot] = node;
        await WaitUntilServingAsync(slot, node);
        SetServing(slot, true);
    }

    /// <summary>kill -9; returns when it happened on <see cref="ClusterClock"/>.</summary>
    public TimeSpan Kill9(int slot)
    {
        SetServing(slot, false);
        var at = ClusterClock.Now;
        Node(slot).Kill9();
        return at;
    }

    /// <summary>SIGTERM (taken out of the load first, as an endpoint is); returns whether it exited gracefully, and its exit code.</summary>
    public async Task<(bool Graceful, int? ExitCode)> StopAsync(int slot)
    {
        SetServing(slot, false);
        var node = Node(slot);
        var graceful = await node.TerminateAsync(TimeSpan.FromSeconds(30));
        return (graceful, node.ExitCode);
    }

    public TimeSpan Pause(int slot, bool keepInLoad)
    {
        SetServing(slot, keepInLoad);
        var at = ClusterClock.Now;
        Node(slot).Pause();
        return at;
    }

    public TimeSpan Resume(int slot)
    {
        var at = ClusterClock.Now;
        Node(slot).Resume();
        return at;
    }

    public void SetServing(int slot, bool serving)
    {
        lock (_gate)
        {
            _serving[slot] = serving;
        }
    }

    /// <summary>Runs <paramref name="body"/>; when it throws, prints every silo's output before rethrowing.</summary>
    public async Task RunAsync(Func<Task> body)
    {
        try
        {
            await body();
        }
        catch
        {
            try
            {
                PrintOutputs();
            }
            catch (Exception e) when (e is InvalidOperationException or IOException)
            {
                // The test's own failure matters more than the silo logs.
                _log.WriteLine("could not print the silos' output: " + e.Message);
            }

            throw;
        }
    }

    public void PrintOutputs()
    {
        List<SiloNode> nodes;
        lock (_retired)
        {
            nodes = [.. _retired.Concat(_nodes.OfType<SiloNode>())];
        }

        // The whole of each silo's output goes to a file; the test output gets the tail.
        Directory.CreateDirectory(_logFolder);
        _log.WriteLine($"full silo outputs: {_logFolder}");
        foreach (var node in nodes)
        {
            File.WriteAllText(Path.Combine(_logFolder, node.Name + ".log"), node.Output);
            var lines = node.Output.Split('\n');
            var tail = lines.Length > 150 ? lines[^150..] : lines;
            _log.WriteLine($"===== {node.Name} (port {node.Port}, pid {node.ProcessId}, exit {node.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "-"}): last {tail.Length} of {lines.Length} lines =====");
            _log.WriteLine(string.Join('\n', tail));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopSupervisingAsync();
        foreach (var node in _nodes.OfType<SiloNode>())
        {
            await node.DisposeAsync();
        }

        foreach (var client in _clients)
        {
            client.Dispose();
        }

        foreach (var channel in _channels)
        {
            channel.Dispose();
        }

        foreach (var channel in _healthChannels)
        {
            channel.Dispose();
        }

        _http.Dispose();

        await Postgres.DisposeAsync();
    }

    /// <summary>Distinct free loopback ports: all listeners are held until every port is picked, so none repeats.</summary>
    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return [.. listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(l => l.Dispose());
        }
    }
}
