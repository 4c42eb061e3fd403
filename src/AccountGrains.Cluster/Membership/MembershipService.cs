using AccountGrains.Cluster.Diagnostics;
using AccountGrains.Cluster.Hosting;
using AccountGrains.Cluster.Internal;
using AccountGrains.Runtime;
using AccountGrains.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AccountGrains.Cluster.Membership;

/// <summary>
/// This silo's membership: joins before the grain runtime starts, renews the lease every heartbeat, fences
/// the silo when it cannot prove the lease fresh, ends the process when it finds itself dead, and on a
/// graceful stop says "leaving" first and "left" (releasing every grain at once) after the runtime stopped.
/// </summary>
/// <remarks>
/// The hooks of <see cref="IHostedLifecycleService"/> frame every other hosted service: <c>StartingAsync</c>
/// runs before any starts (so the runtime never serves before this silo joined) and <c>StoppedAsync</c> after
/// all stopped (so "left" is written only once no activation of this silo remains).
/// </remarks>
internal sealed class MembershipService(
    LocalSilo local,
    MembershipTable table,
    IGrainRuntime runtime,
    ISiloTermination termination,
    ClusterOptions options,
    ClusterClock clock,
    IEnumerable<IStoreSchema> schemas,
    ILogger<MembershipService> logger) : IHostedLifecycleService, IDisposable
{
    private readonly SemaphoreSlim _heartbeat = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly TimeProvider _time = clock.Time;
    private Task? _loop;
    private Task? _sweep;
    private bool _halted;
    private int _disposed;

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        // The store's migrations hold the cluster's tables too; applying them is idempotent, so do it here and
        // not depend on the order hosted services start in.
        foreach (var schema in schemas)
        {
            await schema.MigrateAsync(cancellationToken);
        }

        var sentAt = _time.GetTimestamp();
        local.Generation = await table.RegisterAsync(cancellationToken);
        local.Lease.Renewed(sentAt);
        ClusterLog.Joined(logger, local.SiloId, local.Generation, options.HeartbeatInterval, options.LeaseDuration);
        _loop = RunAsync(_stop.Token);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        local.Status = SiloStatus.Active;
        await HeartbeatAsync(cancellationToken);
    }

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        if (local.Status is SiloStatus.Joining or SiloStatus.Active && !_halted)
        {
            local.Status = SiloStatus.Leaving;
            ClusterLog.Leaving(logger, local.SiloId);
            await HeartbeatAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        await StopLoopAsync();
        if (_halted || local.Lease.IsTerminated || local.Generation == 0)
        {
            return;
        }

        if (runtime.ActivationCount > 0)
        {
            // Abandoned by a shutdown timeout: a turn may still run, so only the lease's expiry may free those grains.
            ClusterLog.LeaveSkipped(logger, local.SiloId, $"{runtime.ActivationCount} activations remain");
            return;
        }

        try
        {
            if (await table.LeaveAsync(local.Generation, cancellationToken))
            {
                local.Status = SiloStatus.Left;
                local.Lease.Terminate();
                ClusterLog.Left(logger, local.SiloId);
            }
            else
            {
                ClusterLog.LeaveSkipped(logger, local.SiloId, "its row is no longer live");
            }
        }
        catch (Exception ex)
        {
            ClusterLog.LeaveFailed(logger, ex, local.SiloId);
        }
    }

    // Reached twice: the container disposes the singleton and the hosted-service alias of it.
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _stop.Cancel();
        _stop.Dispose();
        _heartbeat.Dispose();
    }

    /// <summary>Test hook: stops heartbeating as a crash would (no leave, no release); the lease then lapses and the silo fences itself.</summary>
    internal async Task HaltAsync()
    {
        _halted = true;
        await StopLoopAsync();
    }

    /// <summary>One renewal and what follows from it; the loop calls it every heartbeat.</summary>
    internal async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        await _heartbeat.WaitAsync(cancellationToken);
        try
        {
            if (local.Lease.IsTerminated || _halted)
            {
                return;
            }

            var sentAt = _time.GetTimestamp();
            var renewed = false;
            try
            {
                using var timeout = new CancellationTokenSource(options.LeaseDuration - options.SafetyMargin, _time);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
                if (!await table.RenewAsync(local.Generation, local.Status, runtime.ActivationCount, linked.Token))
                {
                    DeclaredDead();
                    return;
                }

                renewed = true;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                ClusterLog.RenewalFailed(logger, ex, local.SiloId);
            }

            if (renewed)
            {
                local.Lease.Renewed(sentAt);
            }

            FenceOrRecover();
        }
        finally
        {
            _heartbeat.Release();
        }
    }

    private void FenceOrRecover()
    {
        var lease = local.Lease;
        if (lease.FenceIfLapsed())
        {
            ClusterLog.Fenced(logger, local.SiloId, runtime.ActivationCount);
            _sweep = SweepAsync();
        }
        else if (lease.IsFenced)
        {
            if (_sweep is null || _sweep.IsFaulted || _sweep.IsCanceled)
            {
                _sweep = SweepAsync();
            }
            else if (_sweep.IsCompletedSuccessfully && lease.TryUnfence())
            {
                ClusterLog.Unfenced(logger, local.SiloId);
            }
        }
    }

    // Every activation made before the lapse goes, without writing: another silo may own its grain by now.
    private async Task SweepAsync()
    {
        try
        {
            await runtime.DeactivateAllAsync(DeactivationReason.OwnershipLost, _stop.Token);
        }
        catch (Exception ex) when (!_stop.IsCancellationRequested)
        {
            ClusterLog.SweepFailed(logger, ex, local.SiloId);
            throw;
        }
    }

    private void DeclaredDead()
    {
        local.Lease.Terminate();
        local.Status = SiloStatus.Dead;
        ClusterLog.DeclaredDead(logger, local.SiloId, local.Generation, options.DeclaredDeadExitCode);
        _sweep = SweepAsync();
        termination.Terminate(options.DeclaredDeadExitCode);
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && !local.Lease.IsTerminated)
        {
            try
            {
                await Task.Delay(options.HeartbeatInterval, _time, cancellationToken);
                await HeartbeatAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task StopLoopAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }
    }
}
