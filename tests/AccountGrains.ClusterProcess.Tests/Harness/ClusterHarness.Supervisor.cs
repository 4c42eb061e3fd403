namespace AccountGrains.ClusterProcess.Tests.Harness;

/// <summary>What Kubernetes would do for a pod whose process exited: start it again, on the same port.</summary>
internal sealed partial class ClusterHarness
{
    private readonly CancellationTokenSource _supervision = new();
    private readonly List<string> _restarts = [];
    private Task? _supervisor;

    /// <summary>Restarts so far: which silo, when, with which exit code.</summary>
    public IReadOnlyList<string> Restarts
    {
        get
        {
            lock (_restarts)
            {
                return [.. _restarts];
            }
        }
    }

    /// <summary>From now on, a silo process that exits (by itself) is started again.</summary>
    public void Supervise() => _supervisor ??= Task.Run(SuperviseAsync);

    private async Task SuperviseAsync()
    {
        var token = _supervision.Token;
        while (!token.IsCancellationRequested)
        {
            for (var slot = 0; slot < Count && !token.IsCancellationRequested; slot++)
            {
                if (_nodes[slot] is { HasExited: true } exited)
                {
                    var note = $"{exited.Name} exited with {exited.ExitCode} at ~{ClusterClock.Now.TotalSeconds:F1}s; restarting";
                    try
                    {
                        await StartAsync(slot);
                        note += $" -> {Name(slot)} listening at {ClusterClock.Now.TotalSeconds:F1}s";
                    }
                    catch (InvalidOperationException e)
                    {
                        note += " -> did not start: " + e.Message.Split('\n')[0];
                    }

                    lock (_restarts)
                    {
                        _restarts.Add(note);
                    }
                }
            }

            try
            {
                await Task.Delay(200, token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task StopSupervisingAsync()
    {
        await _supervision.CancelAsync();
        if (_supervisor is not null)
        {
            await _supervisor;
        }

        _supervision.Dispose();
    }
}
