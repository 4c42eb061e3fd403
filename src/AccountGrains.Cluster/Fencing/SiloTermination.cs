using Microsoft.Extensions.Hosting;

namespace AccountGrains.Cluster.Fencing;

/// <summary>How a silo that lost its lease ends itself. A seam so in-process tests can watch it without ending the test run.</summary>
internal interface ISiloTermination
{
    /// <summary>Whether <see cref="Terminate"/> ends the process (in production it does; in tests it records).</summary>
    bool EndsProcess { get; }

    void Terminate(int exitCode);
}

/// <summary>
/// Sets the exit code and stops the host, so a supervisor restarts the process as a new member; if the stop
/// hangs (an unreachable database), the process fails fast after <see cref="GracePeriod"/> (exit code then the runtime's).
/// </summary>
internal sealed class HostTermination(IHostApplicationLifetime lifetime) : ISiloTermination
{
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(20);

    public bool EndsProcess => true;

    public void Terminate(int exitCode)
    {
        Environment.ExitCode = exitCode;
        lifetime.StopApplication();
        _ = Task.Delay(GracePeriod).ContinueWith(
            _ => Environment.FailFast($"The silo lost its cluster lease and did not stop within {GracePeriod.TotalSeconds} s."),
            TaskScheduler.Default);
    }
}
