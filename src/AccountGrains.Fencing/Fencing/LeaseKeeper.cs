using System.Diagnostics;
using AccountGrains.Fencing.Diagnostics;
using AccountGrains.Storage.Postgres;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansClusterOptions = Orleans.Configuration.ClusterOptions;

namespace AccountGrains.Fencing.Fencing;

/// <summary>
/// The silo's side of the lease: applies the store's schema (which holds Orleans' tables), acquires the lease before
/// Orleans starts its membership, renews it every heartbeat, and releases it on a graceful leave.
/// </summary>
/// <remarks>
/// Lifecycle: start of <see cref="ServiceLifecycleStage.RuntimeInitialize"/> (before the membership table is read at
/// RuntimeGrainServices and long before the silo becomes active). The release runs at the stop of
/// <see cref="ServiceLifecycleStage.AfterRuntimeGrainServices"/>, which comes after Orleans deactivated every grain
/// (GrainDeactivation) and handed the directory over, and before it marks itself dead. An ungraceful stop (its
/// token already cancelled) releases nothing: the lease simply expires.
/// </remarks>
internal sealed class LeaseKeeper(
    IOptions<ClusterFencingOptions> fencingOptions,
    IOptions<OrleansClusterOptions> clusterOptions,
    ILocalSiloDetails silo,
    IClusterMembershipService membership,
    SiloLease lease,
    LeaseStore store,
    ActivationGate gate,
    ISiloTermination termination,
    ClusterMetrics metrics,
    ILogger<LeaseKeeper> logger,
    PostgresStore? eventStore = null) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly ClusterFencingOptions _options = fencingOptions.Value;
    private readonly CancellationTokenSource _stopping = new();
    private LeaseKey _key;
    private Task _loop = Task.CompletedTask;
    private int _terminated;

    public void Participate(ISiloLifecycle lifecycle)
    {
        lifecycle.Subscribe(nameof(LeaseKeeper), ServiceLifecycleStage.RuntimeInitialize, StartAsync, StopLoopAsync);
        lifecycle.Subscribe(nameof(LeaseKeeper), ServiceLifecycleStage.AfterRuntimeGrainServices, _ => Task.CompletedTask, LeaveAsync);
    }

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        // Idempotent and under the migrator's advisory lock, so silos starting together migrate once.
        await using (var schema = new PostgresStore(new PostgresStoreOptions { ConnectionString = _options.ConnectionString, Schema = _options.Schema }))
        {
            await schema.MigrateAsync(cancellationToken);
        }

        var address = silo.SiloAddress;
        _key = new LeaseKey(clusterOptions.Value.ClusterId, address.Endpoint.Address.ToString(), address.Endpoint.Port, address.Generation);
        var sentAt = Stopwatch.GetTimestamp();
        if (!await store.AcquireAsync(_key, silo.Name, cancellationToken))
        {
            throw new InvalidOperationException($"A cluster lease for silo {address} exists already; a silo process joins only once.");
        }

        lease.Renewed(sentAt);

        // From here the silo's appends commit only while this lease is live by the database's clock.
        eventStore?.Fence.Hold(_key.ClusterId, _key.Address, _key.Port, _key.Generation);
        ClusterLog.LeaseAcquired(logger, address.ToString(), _options.LeaseDuration.TotalMilliseconds, _options.ServingWindow.TotalMilliseconds);
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        var fenced = false;
        var failures = 0;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(NextDelay(), stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (membership.CurrentSnapshot.GetSiloStatus(silo.SiloAddress) == SiloStatus.Dead)
            {
                Terminate("the cluster declared this silo dead");
                return;
            }

            var sentAt = Stopwatch.GetTimestamp();
            Renewal renewal;
            using (var attempt = CancellationTokenSource.CreateLinkedTokenSource(stopping))
            {
                // A renewal answered after the serving window proves nothing.
                attempt.CancelAfter(_options.ServingWindow);
                try
                {
                    renewal = await store.RenewAsync(_key, attempt.Token);
                }
                catch (Exception e) when (!stopping.IsCancellationRequested)
                {
                    metrics.RenewalFailed();
                    if (!lease.IsServing && !fenced)
                    {
                        fenced = true;
                        ClusterLog.Fenced(logger);
                    }

                    // The first failure of a run, then one in twenty: an outage must not flood the log.
                    if (failures++ % 20 == 0)
                    {
                        ClusterLog.RenewalFailed(logger, e);
                    }

                    continue;
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            if (!renewal.Renewed)
            {
                metrics.RenewalRefused();
                Terminate("the database refused the renewal: the lease expired, was released, or the silo was declared dead");
                return;
            }

            lease.Renewed(sentAt);
            metrics.Renewed();
            gate.Update(renewal.Peers);
            failures = 0;
            if (fenced)
            {
                fenced = false;
                ClusterLog.ServingAgain(logger);
            }
        }
    }

    /// <summary>The heartbeat, or sooner when a lease holding activations back is about to expire.</summary>
    private TimeSpan NextDelay()
    {
        var delay = _options.HeartbeatInterval;
        if (gate.EarliestBlockingExpiry() is { } expiry)
        {
            var soon = expiry + TimeSpan.FromMilliseconds(20);
            delay = soon < delay ? (soon > TimeSpan.FromMilliseconds(20) ? soon : TimeSpan.FromMilliseconds(20)) : delay;
        }

        return delay;
    }

    private void Terminate(string reason)
    {
        lease.Lose();
        if (Interlocked.Exchange(ref _terminated, 1) == 0)
        {
            ClusterLog.LeaseLost(logger, reason, _options.LeaseLostExitCode);
            termination.Terminate(_options.LeaseLostExitCode);
        }
    }

    private async Task LeaveAsync(CancellationToken cancellationToken)
    {
        await StopLoopAsync(cancellationToken);
        if (cancellationToken.IsCancellationRequested || lease.IsLost)
        {
            ClusterLog.LeaseNotReleased(logger, lease.IsLost ? "the lease was lost" : "the shutdown was not graceful");
            lease.Lose();
            return;
        }

        lease.Lose();
        try
        {
            if (await store.ReleaseAsync(_key, cancellationToken))
            {
                ClusterLog.LeaseReleased(logger);
            }
        }
        catch (Exception e)
        {
            ClusterLog.LeaseNotReleased(logger, e.Message);
        }
    }

    private async Task StopLoopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
