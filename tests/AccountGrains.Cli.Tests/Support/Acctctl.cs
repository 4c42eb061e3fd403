using System.Diagnostics;
using System.Text;
using System.Text.Json;
using AccountGrains.Testing;

namespace AccountGrains.Cli.Tests.Support;

/// <summary>What one acctctl run printed and how it exited.</summary>
public sealed record AcctctlResult(int ExitCode, string Stdout, string Stderr)
{
    public JsonElement Json => JsonDocument.Parse(Stdout).RootElement;

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

/// <summary>
/// The built acctctl binary (src/AccountGrains.Cli/bin/&lt;configuration&gt;/net10.0/acctctl) run as a process, as a user
/// runs it: its credentials in ACCTCTL_* variables, its own config file and working folder, stdout and stderr piped
/// (so not a terminal: plain progress lines).
/// </summary>
public sealed class Acctctl(Uri address, string? key, string? onBehalfOf)
{
    public string WorkingDirectory { get; } = Directory.CreateTempSubdirectory("acctctl-test-").FullName;

    public string ConfigPath => Path.Combine(WorkingDirectory, "config.json");

    public Dictionary<string, string?> Environment { get; } = new()
    {
        ["ACCTCTL_ADDRESS"] = address.ToString(),
        ["ACCTCTL_KEY"] = key,
        ["ACCTCTL_ON_BEHALF_OF"] = onBehalfOf,
        ["ACCTCTL_TOKEN"] = null,
        ["ACCTCTL_CONTEXT"] = null,
        ["ACCTCTL_TIMEOUT"] = "30s",
    };

    public static string Binary()
    {
        var ours = AppContext.BaseDirectory.Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var path = Path.Combine(RepoPaths.Root, "src", "AccountGrains.Cli", "bin", ours, "net10.0", "acctctl");
        return File.Exists(path) ? path : throw new FileNotFoundException("acctctl is not built: " + path);
    }

    public Task<AcctctlResult> RunAsync(params string[] args) => RunAsync(args, onStderrLine: null);

    /// <summary>Runs acctctl to its end; <paramref name="onStderrLine"/> sees each stderr line as it comes, with the process.</summary>
    public async Task<AcctctlResult> RunAsync(IEnumerable<string> args, Action<string, Process>? onStderrLine, Action<string, Process>? onStdoutLine = null)
    {
        var start = new ProcessStartInfo(Binary())
        {
            WorkingDirectory = WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["ACCTCTL_CONFIG"] = ConfigPath;
        foreach (var (name, value) in Environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = new Process { StartInfo = start };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var outDone = new TaskCompletionSource();
        var errDone = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                outDone.TrySetResult();
                return;
            }

            lock (stdout)
            {
                stdout.AppendLine(e.Data);
            }

            onStdoutLine?.Invoke(e.Data, process);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                errDone.TrySetResult();
                return;
            }

            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }

            onStderrLine?.Invoke(e.Data, process);
        };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        try
        {
            await process.WaitForExitAsync(limit.Token);
            await Task.WhenAll(outDone.Task, errDone.Task).WaitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"acctctl {string.Join(' ', args)} did not end:\n{stdout}\n{stderr}");
        }

        lock (stdout)
        {
            lock (stderr)
            {
                return new AcctctlResult(process.ExitCode, stdout.ToString(), stderr.ToString());
            }
        }
    }

    /// <summary>Writes <paramref name="lines"/> to a file in the working folder and returns its path.</summary>
    public string WriteFile(string name, IEnumerable<string> lines)
    {
        var path = Path.Combine(WorkingDirectory, name);
        File.WriteAllLines(path, lines);
        return path;
    }
}
