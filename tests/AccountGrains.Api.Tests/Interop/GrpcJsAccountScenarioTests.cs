using System.Diagnostics;
using AccountGrains.Api.Tests.Support;
using AccountGrains.Testing;

namespace AccountGrains.Api.Tests.Interop;

/// <summary>
/// The independent client: grpc-js and proto-loader load the project's .proto files and drive the silo started from its
/// built DLL, through every method and every rule of issue 4, in real time (tests/interop/account-scenarios.js).
/// </summary>
public sealed class GrpcJsAccountScenarioTests
{
    [Fact]
    public async Task GrpcJsClient_AgainstTheSiloProcess_PassesEveryScenario()
    {
        var keys = new ApiKeys();
        var environment = keys.Configuration(separator: "__").Concat(
        [
            // Reminders polled every second, so a 2-second lock ends within a few seconds of real time.
            new("AccountGrains__Reminders__PollPeriod", "00:00:01"),
            new("AccountGrains__Reminders__LookAhead", "00:00:02"),
        ]);
        var (silo, address) = await SiloProcess.StartAsync(environment);
        await using var _ = silo;

        var (exitCode, output) = await RunNodeAsync(address, keys);

        Assert.True(exitCode == 0, $"account-scenarios.js exited with {exitCode}:\n{output}\n--- silo output ---\n{silo.Output}");
        Assert.Contains("PASS: every scenario", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunNodeAsync(Uri address, ApiKeys keys)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepoPaths.Interop,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("account-scenarios.js");
        start.Environment["ACCOUNTGRAINS_ADDRESS"] = $"{address.Host}:{address.Port}";
        start.Environment["ACCOUNTGRAINS_LOCK_SECONDS"] = "2";
        foreach (var role in ApiKeys.Roles)
        {
            start.Environment[$"ACCOUNTGRAINS_KEY_{role.ToUpperInvariant()}"] = keys.KeyOf(role);
            start.Environment[$"ACCOUNTGRAINS_NAME_{role.ToUpperInvariant()}"] = ApiKeys.NameOf(role);
        }

        using var node = Process.Start(start)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await node.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
            await node.WaitForExitAsync();
        }

        return (node.ExitCode, await stdout + await stderr);
    }
}
