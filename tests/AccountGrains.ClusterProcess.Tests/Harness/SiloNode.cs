using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AccountGrains.Testing;

namespace AccountGrains.ClusterProcess.Tests.Harness;

/// <summary>
/// One silo process: the built silo DLL started with <c>dotnet</c> on a given loopback port, its output kept (stdout
/// and stderr, timestamped by the test's clock), signalled with kill(1). Disposing never leaves it behind, not even
/// stopped by SIGSTOP.
/// </summary>
internal sealed partial class SiloNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _paused;
    private bool _disposed;
    private int? _exitCode;

    private SiloNode(string name, int port, IReadOnlyDictionary<string, string> environment)
    {
        Name = name;
        Port = port;
        var dll = RepoPaths.SiloDll();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Receive(e.Data);
        _process.ErrorDataReceived += (_, e) => Receive(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        ProcessId = _process.Id;
    }

    public string Name { get; }

    public int Port { get; }

    public int ProcessId { get; }

    public bool HasExited => _disposed || _process.HasExited;

    public int? ExitCode => _disposed ? _exitCode : _process.HasExited ? _process.ExitCode : null;

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

    /// <summary>Starts the process and waits for its "listening" line; throws with its output if it exits or hangs.</summary>
    public static async Task<SiloNode> StartAsync(string name, int port, IReadOnlyDictionary<string, string> environment)
    {
        var node = new SiloNode(name, port, environment);
        var exited = node._process.WaitForExitAsync();
        var first = await Task.WhenAny(node._listening.Task, exited, Task.Delay(TimeSpan.FromSeconds(60)));
        if (first != node._listening.Task)
        {
            var output = node.Output;
            await node.DisposeAsync();
            throw new InvalidOperationException($"Silo {name} did not start listening on port {port}:\n{output}");
        }

        return node;
    }

    public void Kill9()
    {
        Note("test: SIGKILL");
        _process.Kill(entireProcessTree: false);
    }

    public void Pause()
    {
        Note("test: SIGSTOP");
        Signal("STOP");
        _paused = true;
    }

    public void Resume()
    {
        Note("test: SIGCONT");
        Signal("CONT");
        _paused = false;
    }

    /// <summary>SIGTERM, then waits up to <paramref name="grace"/> for the exit; kills it if it does not exit.</summary>
    /// <returns>Whether it exited by itself.</returns>
    public async Task<bool> TerminateAsync(TimeSpan grace)
    {
        Note("test: SIGTERM");
        Signal("TERM");
        if (await WaitForExitAsync(grace))
        {
            return true;
        }

        Note("test: did not exit after SIGTERM; SIGKILL");
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        return false;
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        if (!_process.HasExited)
        {
            if (_paused)
            {
                // A stopped process cannot die until continued; never leave one behind.
                Signal("CONT");
            }

            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _exitCode = _process.ExitCode;
        _disposed = true;
        _process.Dispose();
    }

    private void Signal(string signal)
    {
        if (_process.HasExited)
        {
            return;
        }

        using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(CultureInfo.InvariantCulture)])
            ?? throw new InvalidOperationException("kill did not start.");
        kill.WaitForExit();
    }

    private void Note(string line) => Receive(line);

    private void Receive(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Append(CultureInfo.InvariantCulture, $"[{ClusterClock.Now.TotalSeconds:F3}] ").AppendLine(line);
        }

        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(new Uri(match.Groups["address"].Value));
        }
    }

    // The silo's own start line, or Kestrel's (Microsoft.Hosting.Lifetime): in a WebApplication the server starts after
    // the other hosted services, so by then Orleans has joined the cluster. The harness then waits for health.
    [GeneratedRegex(@"(AccountGrains silo listening on|Now listening on:) (?<address>http://[^;,\s]+)")]
    private static partial Regex ListeningLine();
}
