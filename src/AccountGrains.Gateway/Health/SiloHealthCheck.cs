using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace AccountGrains.Gateway;

/// <summary>
/// "silo": healthy while this silo is Active in the Orleans cluster, unhealthy from the moment the host begins
/// to stop (so load balancers drain it before Orleans hands its grains over) and while it joins or leaves.
/// </summary>
internal sealed class SiloHealthCheck(ISiloStatusOracle silo, IHostApplicationLifetime lifetime) : IHealthCheck
{
    public const string Name = "silo";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The silo is stopping."));
        }

        var status = silo.CurrentStatus;
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"The silo is {status}, not Active."));
    }
}
