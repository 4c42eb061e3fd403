using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using AccountGrains.Testing;

namespace AccountGrains.Deploy.Tests.Support;

/// <summary>
/// The built silo started as an operator or a Kubernetes Job starts it (<c>dotnet AccountGrains.Silo.dll</c>, configured
/// by environment variables), its output kept. Disposing stops it (SIGTERM, then kill) and deletes its folder.
/// </summary>
internal sealed partial class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SiloProcess(IEnumerable<string> args, IEnumerable<KeyValuePair<string, string>> environment)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("accountgrains-deploy-").FullName;
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

    public static SiloProcess Start(IEnumerable<string> args, IEnumerable<KeyValuePair<string, string>> environment) => new(args, environment);

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
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

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
