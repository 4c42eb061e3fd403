using System.Diagnostics;
using AccountGrains.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace AccountGrains.Gateway;

/// <summary>
/// "store": the event store answers a one-row read. The answer is kept for <see cref="CacheFor"/>, and concurrent
/// polls share one probe, so probes from several load balancers cost the store one query every few seconds.
/// </summary>
internal sealed class StoreHealthCheck(IEventStore store, ILogger<StoreHealthCheck> logger) : IHealthCheck, IDisposable
{
    public const string Name = "store";

    /// <summary>How long an answer is reused.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _probing = new(1, 1);
    private volatile Answer? _last;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (Fresh() is { } cached)
        {
            return cached;
        }

        await _probing.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } probedMeanwhile)
            {
                return probedMeanwhile;
            }

            var result = await ProbeAsync(cancellationToken);
            _last = new Answer(Stopwatch.GetTimestamp(), result);
            return result;
        }
        finally
        {
            _probing.Release();
        }
    }

    public void Dispose() => _probing.Dispose();

    private HealthCheckResult? Fresh() =>
        _last is { } last && Stopwatch.GetElapsedTime(last.At) < CacheFor ? last.Result : null;

    private sealed record Answer(long At, HealthCheckResult Result);

    private async Task<HealthCheckResult> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            // A read past the end of the log: one index lookup, no rows, on either store.
            await store.ReadLogAsync(long.MaxValue - 1, 1, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (StoreUnavailableException ex)
        {
            GatewayLog.StoreProbeFailed(logger, ex);
            return HealthCheckResult.Unhealthy("The event store is unreachable.");
        }
    }
}
