using System.Globalization;
using System.Net;
using System.Net.Sockets;
using AccountGrains.Client;
using AccountGrains.Grpc.Client;
using AccountGrains.Testing.Postgres;

namespace AccountGrains.ClusterProcess.Tests.Harness;

/// <summary>
/// A cluster on this machine: one dedicated PostgreSQL (a fresh database), N silo processes on fixed loopback ports
/// (a replacement reuses its slot's port, so one client per slot stays valid), one client and admin channel per slot.
/// Disposing kills every process, paused or not, and stops PostgreSQL.
/// </summary>
internal sealed partial class ClusterHarness : IAsyncDisposable
{
    private readonly ITestOutputHelper _log;
    private readonly Dictionary<string, string> _environment;
    private readonly SiloNode?[] _nodes;
    private readonly bool[] _serving;
    private readonly int[] _ports;
    private readonly GrpcChannel[] _channels;
    private readonly AccountIntegrityClient[] _clients;
    private readonly List<SiloNode> _retired = [];
    private readonly object _gate = new();
    private int _generation;

    private ClusterHarness(PostgresServer postgres, string connectionString, int silos, ITestOutputHelper log)
    {
        Postgres = postgres;
        ConnectionString = connectionString;
        _log = log;
        _nodes = new SiloNode?[silos];
        _serving = new bool[silos];
        _ports = [.. Enumerable.Range(0, silos).Select(_ => FreePort())];
        _channels = [.. _ports.Select(p => GrpcChannel.ForAddress(new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{p}")), new GrpcChannelOptions
        {
            DefaultTimeout = TimeSpan.FromSeconds(5),
            ConnectTimeout = TimeSpan.FromSeconds(2),
        }))];
        _clients = [.. _channels.Select(c => new AccountIntegrityClient(c))];
        _environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__AccountGrains"] = connectionString,
            ["AccountGrains__Reminders__PollPeriod"] = "00:00:01",
            ["AccountGrains__Reminders__LookAhead"] = "00:00:02",
            ["Logging__LogLevel__Default"] = "Information",
            ["DOTNET_gcServer"] = "0",
        };
    }

    public PostgresServer Postgres { get; }

    public string ConnectionString { get; }

    public int Count => _nodes.Length;

    /// <summary>The lease and margin the silos run with (ClusterOptions' defaults).</summary>
    public static TimeSpan LeaseDuration => TimeSpan.FromSeconds(3);

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

    /// <summary>Starts PostgreSQL, creates a database, and starts <paramref name="silos"/> silos one after the other.</summary>
    public static async Task<ClusterHarness> StartAsync(int silos, ITestOutputHelper log)
    {
        var postgres = await PostgresServer.StartNewAsync();
        ClusterHarness? harness = null;
        try
        {
            var database = await postgres.CreateDatabaseAsync("cluster");
            harness = new ClusterHarness(postgres, database, silos, log);
            for (var i = 0; i < silos; i++)
            {
                await harness.StartAsync(i);
            }

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

    public GrpcChannel Channel(int slot) => _channels[slot];

    public SiloNode Node(int slot) => _nodes[slot] ?? throw new InvalidOperationException($"Slot {slot} has no process.");

    public string Name(int slot) => _nodes[slot]?.Name ?? $"silo{slot}";

    /// <summary>Starts (or replaces) the silo of <paramref name="slot"/> on the slot's port and waits until it listens.</summary>
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
        _nodes[slot] = await SiloNode.StartAsync(name, _ports[slot], _environment);
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
            catch (InvalidOperationException e)
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

        foreach (var node in nodes)
        {
            var lines = node.Output.Split('\n');
            var tail = lines.Length > 300 ? lines[^300..] : lines;
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

        await Postgres.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
