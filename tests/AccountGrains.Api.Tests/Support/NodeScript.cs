using System.Diagnostics;
using System.Text;
using AccountGrains.Testing;

namespace AccountGrains.Api.Tests.Support;

/// <summary>Runs one of tests/interop's grpc-js scripts with node, bounded in time, and collects what it printed.</summary>
public static class NodeScript
{
    /// <summary>Runs <paramref name="script"/>; <paramref name="onLine"/> sees each line of its standard output as it comes.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string script,
        IEnumerable<string> arguments,
        IEnumerable<KeyValuePair<string, string>> environment,
        Func<string, Task>? onLine = null,
        TimeSpan? within = null)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepoPaths.Interop,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var node = Process.Start(start)!;
        var output = new StringBuilder();
        var stderr = node.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(within ?? TimeSpan.FromMinutes(3));
        try
        {
            while (await node.StandardOutput.ReadLineAsync(guard.Token) is { } line)
            {
                output.AppendLine(line);
                if (onLine is not null)
                {
                    await onLine(line);
                }
            }

            await node.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            await node.WaitForExitAsync();
            output.AppendLine("(killed: it ran past its bound)");
        }

        return (node.ExitCode, output + await stderr);
    }

    /// <summary>The environment account-scenarios.js reads: the silo's address and one key and key name per role.</summary>
    public static IEnumerable<KeyValuePair<string, string>> ScenarioEnvironment(Uri address, ApiKeys keys)
    {
        yield return new("ACCOUNTGRAINS_ADDRESS", $"{address.Host}:{address.Port}");
        yield return new("ACCOUNTGRAINS_LOCK_SECONDS", "2");
        foreach (var role in ApiKeys.Roles)
        {
            yield return new($"ACCOUNTGRAINS_KEY_{role.ToUpperInvariant()}", keys.KeyOf(role));
            yield return new($"ACCOUNTGRAINS_NAME_{role.ToUpperInvariant()}", ApiKeys.NameOf(role));
        }
    }
}
