using Microsoft.Extensions.Hosting;

namespace AccountGrains.Fencing.Fencing;

/// <summary>How a silo that lost its lease ends itself. A seam so in-process tests can watch it without ending the test run.</summary>
internal interface ISiloTermination
{
    /// <summary>Whether <see cref="Terminate"/> ends the process (in production it does; in tests it records).</summary>
    bool EndsProcess { get; }

    void Terminate(int exitCode);
}

/// <summary>
/// Sets the exit code and stops the host, so a supervisor restarts the process as a new member. A silo that lost
/// its lease has nothing left to hand over (it serves nothing), so if the stop hangs (an unreachable database holds
/// Orleans' leave) the process ends after <see cref="GracePeriod"/> with the same exit code: the sooner it is gone,
/// the sooner its peers declare it dead and activate its accounts.
/// </summary>
internal sealed class HostTermination(IHostApplicationLifetime lifetime) : ISiloTermination
{
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(2);

    public bool EndsProcess => true;

    public void Terminate(int exitCode)
    {
        Environment.ExitCode = exitCode;
        lifetime.StopApplication();
        _ = Task.Delay(GracePeriod).ContinueWith(_ => ExitNow(exitCode), TaskScheduler.Default);
    }

    // Environment.Exit would wait for the host's stop (its ProcessExit handler blocks on it) and so hang as well;
    // libc's _exit ends the process at once with the code the supervisor expects.
    private static void ExitNow(int exitCode)
    {
        try
        {
            if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
            {
                ImmediateExit(exitCode);
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // Fall through: ending the process matters more than its exit code.
        }

        Environment.FailFast($"The silo lost its cluster lease and did not stop within {GracePeriod.TotalSeconds} s.");
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "_exit")]
    [System.Runtime.InteropServices.DefaultDllImportSearchPaths(System.Runtime.InteropServices.DllImportSearchPath.SafeDirectories)]
    private static extern void ImmediateExit(int status);
}
