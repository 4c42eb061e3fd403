namespace AccountGrains.Storage.Postgres.Internal;

/// <summary>
/// Group reads for activations, as group commit is for appends: a load that finds fewer than
/// <see cref="MaxInFlight"/> reads running starts one at once (alone, so one at a time costs what it did); the rest wait
/// and the next read to finish takes all of them, up to <see cref="MaxBatch"/>, in one statement. A failed read fails only
/// the loads it carried.
/// </summary>
internal sealed class AccountLoads(Func<IReadOnlyList<AccountLoads.Request>, Task<AccountLoad[]>> read)
{
    /// <summary>Reads running at once; more than one, so a slow read does not hold every activation back.</summary>
    public const int MaxInFlight = 4;

    /// <summary>Accounts per read at most.</summary>
    public const int MaxBatch = 128;

    private readonly Lock _gate = new();
    private readonly Queue<Request> _waiting = new();
    private int _inFlight;
    private long _reads;

    /// <summary>Store reads made so far (each one statement, for one or more loads).</summary>
    public long Reads => Interlocked.Read(ref _reads);

    public Task<AccountLoad> LoadAsync(string accountId, int maxCount, CancellationToken cancellationToken)
    {
        var request = new Request(accountId, maxCount);
        bool start;
        lock (_gate)
        {
            _waiting.Enqueue(request);
            start = _inFlight < MaxInFlight;
            if (start)
            {
                _inFlight++;
            }
        }

        if (start)
        {
            // On the thread pool, not the caller's scheduler: an Orleans activation's would run everyone's read on its turns.
            _ = Task.Run(RunAsync);
        }

        // A caller that gives up stops waiting; the read itself goes on for the others it carries.
        return request.Result.Task.WaitAsync(cancellationToken);
    }

    private async Task RunAsync()
    {
        while (true)
        {
            List<Request> batch;
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _inFlight--;
                    return;
                }

                batch = new List<Request>(Math.Min(_waiting.Count, MaxBatch));
                while (batch.Count < MaxBatch && _waiting.TryDequeue(out var next))
                {
                    batch.Add(next);
                }
            }

            Interlocked.Increment(ref _reads);
            try
            {
                var loads = await read(batch).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Result.TrySetResult(loads[i]);
                }
            }
#pragma warning disable CA1031 // Whatever the read threw belongs to the loads it carried, not to this loop.
            catch (Exception e)
#pragma warning restore CA1031
            {
                foreach (var request in batch)
                {
                    request.Result.TrySetException(e);
                }
            }
        }
    }

    /// <summary>One activation's load.</summary>
    internal sealed class Request(string accountId, int maxCount)
    {
        public string AccountId { get; } = accountId;

        public int MaxCount { get; } = maxCount;

        public TaskCompletionSource<AccountLoad> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
