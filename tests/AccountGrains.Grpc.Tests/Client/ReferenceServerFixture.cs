using System.Diagnostics;
using System.Text;

namespace AccountGrains.Grpc.Tests.Client;

/// <summary>
/// Runs tests/interop/reference-server.js (grpc-js) for the tests of one collection. The server exits when its stdin
/// closes, so it cannot outlive the test run even if this fixture is never disposed.
/// </summary>
public sealed class ReferenceServerFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly StringBuilder _errors = new();
    private Process? _process;

    public Uri Address { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var interop = Path.Combine(FindRepositoryRoot(), "tests", "interop");
        if (!Directory.Exists(Path.Combine(interop, "node_modules", "@grpc", "grpc-js")))
        {
            throw new InvalidOperationException($"grpc-js is not installed: run 'npm ci' in {interop} (test.sh does).");
        }

        var start = new ProcessStartInfo("node", "reference-server.js")
        {
            WorkingDirectory = interop,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_errors)
            {
                _errors.AppendLine(e.Data);
            }
        };
        _process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(StartTimeout);
        while (await _process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("LISTENING ", StringComparison.Ordinal))
            {
                Address = new Uri($"http://127.0.0.1:{int.Parse(line.AsSpan(10), provider: null)}");
                return;
            }
        }

        throw new InvalidOperationException($"The reference server exited before listening: {Errors}");
    }

    public async Task DisposeAsync()
    {
        if (_process is null)
        {
            return;
        }

        _process.StandardInput.Close();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AccountGrains.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No AccountGrains.sln above {AppContext.BaseDirectory}.");
    }
}

[CollectionDefinition(Name)]
public sealed class ReferenceServerCollection : ICollectionFixture<ReferenceServerFixture>
{
    public const string Name = "grpc-js reference server";
}
