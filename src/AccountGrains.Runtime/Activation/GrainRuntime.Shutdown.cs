namespace AccountGrains.Runtime;

/// <summary>Graceful shutdown: refuse new calls, finish the turns in flight, deactivate every grain.</summary>
internal sealed partial class GrainRuntime
{
    /// <summary>
    /// Stops the runtime. New calls fail with <see cref="SiloUnavailableException"/> from the moment this
    /// is called; every activation then gets a deactivation turn behind the calls it already accepted.
    /// Returns when all are gone, or when <see cref="GrainRuntimeOptions.ShutdownTimeout"/> or
    /// <paramref name="cancellationToken"/> ends the wait (then grains still running are abandoned and
    /// the token passed to their activation and deactivation turns is cancelled).
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        _collector.Dispose();
        RuntimeLog.Stopping(Logger, ActivationCount);
        using var timeout = new CancellationTokenSource(Options.ShutdownTimeout, Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await DeactivateAllAsync(DeactivationReason.ShuttingDown, linked.Token);
            RuntimeLog.Stopped(Logger);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            RuntimeLog.ShutdownTimedOut(Logger, ActivationCount);
            await _abort.CancelAsync();
        }
    }

    public async Task DeactivateAllAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // Loop: a call that passed the stopping (or serving) check just before it changed may still add an activation.
        while (!_activations.IsEmpty)
        {
            var leaving = new List<Task>(_activations.Count);
            foreach (var activation in _activations.Values)
            {
                leaving.Add(activation.BeginDeactivate(reason, idleSince: null)!);
            }

            await Task.WhenAll(leaving).WaitAsync(cancellationToken);
        }
    }
}
