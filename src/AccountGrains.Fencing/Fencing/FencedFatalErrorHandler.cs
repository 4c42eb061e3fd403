using AccountGrains.Fencing.Diagnostics;
using Microsoft.Extensions.Logging;

namespace AccountGrains.Fencing.Fencing;

/// <summary>
/// Wraps Orleans' fatal error handler, which it calls when this silo learns it was declared dead (or on a fatal
/// bug): the silo stops serving at once (Orleans' own handler waits 2 s before failing fast), then exits with
/// <see cref="ClusterFencingOptions.LeaseLostExitCode"/> through a host stop rather than Orleans' fail-fast.
/// </summary>
internal sealed class FencedFatalErrorHandler(
    IFatalErrorHandler inner,
    SiloLease lease,
    ISiloTermination termination,
    ClusterFencingOptions options,
    ILogger<FencedFatalErrorHandler> logger) : IFatalErrorHandler
{
    public bool IsUnexpected(Exception exception) => inner.IsUnexpected(exception);

    public void OnFatalException(object? sender = null, string? context = null, Exception? exception = null)
    {
        lease.Lose();
        ClusterLog.LeaseLost(logger, "Orleans reported a fatal error: " + (context ?? "unknown"), options.LeaseLostExitCode);
        termination.Terminate(options.LeaseLostExitCode);
        if (!termination.EndsProcess)
        {
            inner.OnFatalException(sender, context, exception);
        }
    }
}
