using System.Diagnostics;

namespace AccountGrains.Testing.Postgres;

/// <summary>Finds PostgreSQL's server tools and runs them, as the <c>postgres</c> user when we are root.</summary>
internal sealed class PostgresTools
{
    private const string ServerUser = "postgres";
    private readonly string? _binDir;

    private PostgresTools(string? binDir) => _binDir = binDir;

    private static bool IsRoot => Environment.IsPrivilegedProcess && OperatingSystem.IsLinux();

    /// <summary>The newest <c>/usr/lib/postgresql/*/bin</c>, or the tools on PATH.</summary>
    public static PostgresTools Find()
    {
        const string Debian = "/usr/lib/postgresql";
        if (Directory.Exists(Debian))
        {
            var newest = Directory.GetDirectories(Debian)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: Version.TryParse(Path.GetFileName(d) + ".0", out var v) ? v : new Version(0, 0)))
                .Where(d => File.Exists(Path.Combine(d.Dir, "initdb")))
                .OrderByDescending(d => d.Version)
                .FirstOrDefault();
            if (newest.Dir is not null)
            {
                return new PostgresTools(newest.Dir);
            }
        }

        return new PostgresTools(null);
    }

    /// <summary>Makes the server user own <paramref name="folder"/>, so initdb and the server can write there.</summary>
    public void GiveToServerUser(string folder)
    {
        if (!IsRoot)
        {
            return;
        }

        using var chown = Process.Start(new ProcessStartInfo("chown", ["-R", $"{ServerUser}:{ServerUser}", folder]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("chown did not start.");
        chown.WaitForExit();
        if (chown.ExitCode != 0)
        {
            throw new InvalidOperationException($"chown {folder} failed with exit code {chown.ExitCode}.");
        }
    }

    /// <summary>
    /// Starts a detached shell that waits for this process to end, however it ends (even killed), then
    /// stops the server and deletes <paramref name="root"/>: a test run never leaves a server behind.
    /// </summary>
    public void StartWatchdog(string dataDir, string root)
    {
        var pgCtl = _binDir is null ? "pg_ctl" : Path.Combine(_binDir, "pg_ctl");
        var asServerUser = IsRoot ? $"runuser -u {ServerUser} -- " : "";
        var script = $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; "
            + $"{asServerUser}'{pgCtl}' -D '{dataDir}' -m immediate -w stop >/dev/null 2>&1; rm -rf '{root}'";

        // setsid and the extra "&" detach the watchdog from this process's tree, so killing the tree spares it.
        var start = new ProcessStartInfo("sh", ["-c", "setsid sh -c \"$0\" </dev/null >/dev/null 2>&1 &", script]) { UseShellExecute = false };
        using var launcher = Process.Start(start) ?? throw new InvalidOperationException("The PostgreSQL watchdog did not start.");
        launcher.WaitForExit();
    }

    /// <summary>Runs a tool to completion and returns its exit code with stdout and stderr together.</summary>
    public async Task<(int ExitCode, string Output)> RunAsync(string tool, IReadOnlyList<string> arguments, string workingDirectory)
    {
        var path = _binDir is null ? tool : Path.Combine(_binDir, tool);
        var start = IsRoot
            ? new ProcessStartInfo("runuser", ["-u", ServerUser, "--", path, .. arguments])
            : new ProcessStartInfo(path, arguments);
        start.WorkingDirectory = workingDirectory;
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.Environment["LC_ALL"] = "C";

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
