using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using AccountGrains.Testing;

namespace AccountGrains.Api.Tests.Support;

/// <summary>
/// The silo as an operator runs it: the built AccountGrains.Silo.dll started with <c>dotnet</c>, configured by environment
/// variables, listening on a port the OS picks (read back from its "AccountGrains silo listening on" line).
/// Disposing stops it (SIGTERM, then kill) and deletes its SQLite folder.
/// </summary>
public sealed partial class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _directory;

    private SiloProcess(string dll, string directory, IEnumerable<KeyValuePair<string, string?>> environment)
    {
        _directory = directory;
        var start = new ProcessStartInfo("dotnet")
        {
            // The DLL's folder as working directory, so its appsettings.json applies as it would for an operator.
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
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

    /// <summary>Everything the silo printed so far.</summary>
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

    /// <summary>Starts the silo with <paramref name="environment"/> (plus its own SQLite file) and waits until it listens.</summary>
    public static async Task<(SiloProcess Silo, Uri Address)> StartAsync(IEnumerable<KeyValuePair<string, string?>> environment)
    {
        var directory = Directory.CreateTempSubdirectory("accountgrains-silo-").FullName;
        var silo = new SiloProcess(
            RepoPaths.SiloDll(),
            directory,
            environment.Append(new("AccountGrains__Storage__SqlitePath", Path.Combine(directory, "accounts.db"))));
        var exited = silo._process.WaitForExitAsync();
        var first = await Task.WhenAny(silo._listening.Task, exited, Task.Delay(TimeSpan.FromSeconds(60)));
        if (first != silo._listening.Task)
        {
            var output = silo.Output;
            await silo.DisposeAsync();
            throw new InvalidOperationException($"The silo did not start listening:\n{output}");
        }

        return (silo, await silo._listening.Task);
    }

    /// <summary>Sends SIGTERM, as an orchestrator does: the host begins its graceful stop.</summary>
    public async Task TerminateAsync()
    {
        if (_process.HasExited)
        {
            return;
        }

        using var term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await term.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM: the host stops gracefully (turns finish, grains deactivate); kill only if it does not.
            await TerminateAsync();

            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20));
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
        Directory.Delete(_directory, recursive: true);
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
