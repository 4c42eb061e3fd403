using System.Diagnostics;
using System.Text;

namespace AccountGrains.Grpc.Tests.Interop;

/// <summary>Runs a grpc-js driver under tests/interop with node, collecting its output for the assertion message.</summary>
public sealed class NodeScript : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Action<string>? _onLine;

    private NodeScript(string script, IEnumerable<string> arguments, Action<string>? onLine)
    {
        _onLine = onLine;
        var start = new ProcessStartInfo("node") { WorkingDirectory = InteropDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Receive(e.Data);
        _process.ErrorDataReceived += (_, e) => Receive(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The folder holding the drivers and their node_modules.</summary>
    public static string InteropDirectory { get; } = FindInteropDirectory();

    /// <summary>Everything the script printed, stdout and stderr interleaved.</summary>
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

    /// <summary>Starts a script; <paramref name="onLine"/> sees each printed line as it comes.</summary>
    public static NodeScript Start(string script, IEnumerable<string> arguments, Action<string>? onLine = null) => new(script, arguments, onLine);

    /// <summary>Waits for the script to exit (killing it after the timeout) and returns its exit code.</summary>
    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            Receive($"(killed after {timeout})");
            return -1;
        }

        _process.WaitForExit(); // drains the output handlers
        return _process.ExitCode;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
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

        _onLine?.Invoke(line);
    }

    private static string FindInteropDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "interop");
            if (File.Exists(Path.Combine(candidate, "interop-client.js")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/interop/interop-client.js not found above " + AppContext.BaseDirectory);
    }
}
