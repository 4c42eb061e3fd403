using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace AccountGrains.Testing.Postgres;

/// <summary>
/// A real PostgreSQL server for tests: initdb into a temp folder, listening only on 127.0.0.1 on a
/// free port (unix sockets inside the folder), stopped and deleted on dispose or, if a test run
/// forgets, on process exit. Each test class asks for its own database.
/// </summary>
/// <remarks>
/// initdb refuses to run as root, so when the process is root the server's tools run as the
/// <c>postgres</c> user through <c>runuser</c>, with the temp folder owned by that user.
/// </remarks>
public sealed class PostgresServer : IAsyncDisposable
{
    private static readonly Lazy<Task<PostgresServer>> SharedInstance = new(() => StartNewAsync());
    private static int _databaseCounter;

    private readonly string _root;
    private readonly string _dataDir;
    private readonly string _logFile;
    private readonly PostgresTools _tools;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _running;
    private bool _disposed;

    private readonly IReadOnlyList<string> _extraSettings;

    private PostgresServer(PostgresTools tools, string root, int port, bool fsync, IReadOnlyList<string> extraSettings)
    {
        _extraSettings = extraSettings;
        _tools = tools;
        _root = root;
        _dataDir = Path.Combine(root, "data");
        _logFile = Path.Combine(root, "server.log");
        Port = port;
        Fsync = fsync;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>The loopback port the server listens on (kept across restarts).</summary>
    public int Port { get; }

    /// <summary>Whether the server flushes to disk (off for tests, on for benchmarks).</summary>
    public bool Fsync { get; }

    /// <summary>The connection string of the <c>postgres</c> maintenance database.</summary>
    public string AdminConnectionString => ConnectionStringFor("postgres");

    /// <summary>One server shared by every test class of the process, started on first use.</summary>
    public static Task<PostgresServer> GetSharedAsync() => SharedInstance.Value;

    /// <summary>Initialises and starts a new server; the caller disposes it.</summary>
    /// <param name="fsync">Whether the server flushes to disk; off by default because tests do not survive power loss.</param>
    /// <param name="extraSettings">Lines appended to <c>postgresql.conf</c> (a benchmark's diagnosis, such as loading pg_stat_statements).</param>
    public static async Task<PostgresServer> StartNewAsync(bool fsync = false, IReadOnlyList<string>? extraSettings = null)
    {
        var tools = PostgresTools.Find();
        var root = Path.Combine(Path.GetTempPath(), "accountgrains-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var server = new PostgresServer(tools, root, FreeLoopbackPort(), fsync, extraSettings ?? []);
        try
        {
            tools.StartWatchdog(server._dataDir, root);
            await server.InitialiseAsync();
            await server.StartAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        var name = string.Create(CultureInfo.InvariantCulture, $"{prefix}_{Interlocked.Increment(ref _databaseCounter)}_{Guid.NewGuid().ToString("N")[..8]}").ToLowerInvariant();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionStringFor(name);
    }

    /// <summary>Starts the server (again) on the same port and data; returns once it accepts connections.</summary>
    public async Task StartAsync()
    {
        await _gate.WaitAsync();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_running)
            {
                return;
            }

            var result = await _tools.RunAsync("pg_ctl", ["-D", _dataDir, "-l", _logFile, "-w", "-t", "60", "start"], _root);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"PostgreSQL did not start.\n{result.Output}\n--- server log ---\n{ReadLog()}");
            }

            _running = true;
            await WaitUntilAcceptingAsync();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the server (fast shutdown: open sessions are cut off), keeping its data.</summary>
    public async Task StopAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (!_running)
            {
                return;
            }

            var result = await _tools.RunAsync("pg_ctl", ["-D", _dataDir, "-m", "fast", "-w", "-t", "60", "stop"], _root);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"PostgreSQL did not stop.\n{result.Output}\n--- server log ---\n{ReadLog()}");
            }

            _running = false;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Stops the server and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            await StopAsync();
        }
        finally
        {
            _disposed = true;
            AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
            DeleteRoot();
        }
    }

    private string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
        Timeout = 15,
    }.ConnectionString;

    private async Task InitialiseAsync()
    {
        _tools.GiveToServerUser(_root);
        var init = await _tools.RunAsync("initdb", ["-D", _dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"], _root);
        if (init.ExitCode != 0)
        {
            throw new InvalidOperationException($"initdb failed.\n{init.Output}");
        }

        var settings = new[]
        {
            $"port = {Port.ToString(CultureInfo.InvariantCulture)}",
            "listen_addresses = '127.0.0.1'",
            $"unix_socket_directories = '{_root}'",
            "max_connections = 200",
            Fsync ? "fsync = on" : "fsync = off",
            Fsync ? "full_page_writes = on" : "full_page_writes = off",
        };
        await File.AppendAllLinesAsync(Path.Combine(_dataDir, "postgresql.conf"), [.. settings, .. _extraSettings]);
    }

    private async Task WaitUntilAcceptingAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(AdminConnectionString + ";Pooling=false");
                await connection.OpenAsync();
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
            catch (NpgsqlException e)
            {
                throw new InvalidOperationException($"PostgreSQL does not accept connections.\n--- server log ---\n{ReadLog()}", e);
            }
        }
    }

    private string ReadLog() => File.Exists(_logFile) ? File.ReadAllText(_logFile) : "(no log)";

    private void OnProcessExit(object? sender, EventArgs e)
    {
        // Quick, because the host may not wait long; the watchdog finishes the job if this is cut short.
        if (_running)
        {
            _tools.RunAsync("pg_ctl", ["-D", _dataDir, "-m", "immediate", "-W", "stop"], _root).GetAwaiter().GetResult();
            _running = false;
        }
    }

    private void DeleteRoot()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing a test run over it is not.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
