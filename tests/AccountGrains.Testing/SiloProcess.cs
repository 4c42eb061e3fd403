using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Xunit;

namespace AccountGrains.Testing;

/// <summary>
/// The built silo started as an operator or a Kubernetes Job starts it (<c>dotnet AccountGrains.Silo.dll</c>, configured
/// by environment variables), its output kept, with its own SQLite folder. Disposing stops it (SIGTERM, then kill) and
/// deletes that folder.
/// </summary>
public sealed partial class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SiloProcess(IEnumerable<string> args, IEnumerable<KeyValuePair<string, string?>> environment)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("accountgrains-silo-").FullName;
        var dll = RepoPaths.SiloDll();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["AccountGrains__Storage__SqlitePath"] = Path.Combine(Directory, "accounts.db");
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Receive(e.Data);
        _process.ErrorDataReceived += (_, e) => Receive(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>A temp folder of this silo's own (its SQLite file, certificates a test writes).</summary>
    public string Directory { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the silo with <paramref name="args"/> and <paramref name="environment"/>; does not wait for it.</summary>
    public static SiloProcess Start(IEnumerable<string> args, IEnumerable<KeyValuePair<string, string?>> environment) => new(args, environment);

    /// <summary>Starts a serving silo on a port the OS picks and waits until it listens.</summary>
    public static async Task<(SiloProcess Silo, Uri Address)> StartAsync(IEnumerable<KeyValuePair<string, string?>> environment)
    {
        var silo = Start(["--urls", "http://127.0.0.1:0"], environment);
        try
        {
            return (silo, await silo.ListeningAsync());
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends SIGTERM, as an orchestrator does: the host begins its graceful stop.</summary>
    public async Task TerminateAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        using var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])!;
        await term.WaitForExitAsync();
    }

    /// <summary>SIGKILL, as a crash or the OOM killer: nothing of the silo runs after it; waits until the process is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>Runs the silo to its end; returns its exit code (fails the test if it has not ended in <paramref name="within"/>).</summary>
    public async Task<int> ExitCodeAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The silo did not exit within {within.TotalSeconds} s:\n{Output}");
        }

        return _process.ExitCode;
    }

    /// <summary>Waits for the silo's "listening on" line (logged once Orleans and Kestrel have started).</summary>
    public async Task<Uri> ListeningAsync()
    {
        var first = await Task.WhenAny(_listening.Task, _process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(90)));
        Assert.True(first == _listening.Task, $"The silo did not start listening:\n{Output}");
        return await _listening.Task;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM: the host stops gracefully (turns finish, grains deactivate); kill only if it does not.
            await TerminateAsync();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private void Receive(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups["address"].Value));
        }
    }

    [GeneratedRegex(@"AccountGrains silo listening on (?<address>http://[^;,\s]+)")]
    private static partial Regex ListeningLine();
}
