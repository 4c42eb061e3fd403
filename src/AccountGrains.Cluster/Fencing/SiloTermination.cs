using Microsoft.Extensions.Hosting;

namespace AccountGrains.Cluster.Fencing;

/// <summary>How a silo that lost its lease ends itself. A seam so in-process tests can watch it without ending the test run.</summary>
internal interface ISiloTermination
{
    void Terminate(int exitCode);
}

/// <summary>
/// Sets the exit code and stops the host, so a supervisor restarts the process as a new member; if the stop
/// hangs (an unreachable database), the process exits anyway after <see cref="GracePeriod"/>.
/// </summary>
internal sealed class HostTermination(IHostApplicationLifetime lifetime) : ISiloTermination
{
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(20);

    public void Terminate(int exitCode)
    {
        Environment.ExitCode = exitCode;
        lifetime.StopApplication();
        _ = Task.Delay(GracePeriod).ContinueWith(_ => Environment.Exit(exitCode), TaskScheduler.Default);
    }
}
