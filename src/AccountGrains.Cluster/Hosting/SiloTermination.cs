using Microsoft.Extensions.Hosting;

namespace AccountGrains.Cluster.Hosting;

/// <summary>How a silo found dead ends itself. A seam so in-process tests can watch it without ending the test run.</summary>
internal interface ISiloTermination
{
    void Terminate(int exitCode);
}

/// <summary>Sets the process exit code and stops the host; the process exits once the host has stopped.</summary>
internal sealed class HostTermination(IHostApplicationLifetime lifetime) : ISiloTermination
{
    public void Terminate(int exitCode)
    {
        Environment.ExitCode = exitCode;
        lifetime.StopApplication();
    }
}
