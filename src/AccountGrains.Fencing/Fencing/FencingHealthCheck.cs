using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AccountGrains.Fencing.Fencing;

/// <summary>The "fencing" health check: healthy while the silo serves (its lease is fresh).</summary>
internal sealed class FencingHealthCheck(SiloLease lease) : IHealthCheck
{
    /// <summary>The check's registered name.</summary>
    public const string Name = "fencing";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lease.IsServing
            ? HealthCheckResult.Healthy("The silo's cluster lease is fresh.")
            : HealthCheckResult.Unhealthy(lease.IsLost
                ? "The silo lost its cluster lease (or left): it serves nothing and is stopping."
                : $"The silo is fenced: its lease was not renewed in time ({lease.SinceWindowClosed.TotalMilliseconds:F0} ms past its window)."));
}
