using System.Diagnostics;
using System.Threading.Channels;

namespace AccountGrains.Storage;

/// <summary>
/// Group commit: many callers' appends share one <see cref="IEventStore.AppendBatchAsync"/> call (one
/// round trip, one transaction). A single background loop takes everything queued, up to
/// <see cref="GroupCommitWriterOptions.MaxBatchSize"/>, and sends it; requests that arrive while a batch
/// is in flight form the next batch, so there is no artificial delay. Each caller completes only once
/// its own request's outcome is known (committed, or refused).
/// </summary>
/// <remarks>
/// The queue is bounded (<see cref="GroupCommitWriterOptions.QueueCapacity"/>): when it is full,
/// <see cref="AppendAsync"/> waits for room. Disposal stops accepting requests, sends everything still
/// queued and waits for it.
/// </remarks>
public sealed class GroupCommitWriter : IAsyncDisposable
{
    private readonly IEventStore _store;
    private readonly int _maxBatchSize;
    private readonly Channel<Pending> _queue;
    private readonly Task _loop;

    /// <summary>Starts the writer's background loop over <paramref name="store"/>.</summary>
    public GroupCommitWriter(IEventStore store, GroupCommitWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        options ??= new GroupCommitWriterOptions();
        options.Validate();
        _store = store;
        _maxBatchSize = options.MaxBatchSize;
        _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues one append and completes with its own outcome once its batch has committed.</summary>
    /// <param name="request">The append.</param>
    /// <param name="cancellationToken">
    /// Cancels waiting for room in the queue, or the request itself if it is still queued when its batch
    /// is formed. Once sent, the request's outcome is awaited regardless, so a caller never mistakes a
    /// committed append for an abandoned one.
    /// </param>
    /// <exception cref="ArgumentException">The request is malformed (see <see cref="AppendRequest.Validate"/>); it is refused alone, never sent.</exception>
    /// <exception cref="StoreUnavailableException">The store failed the batch this request was in.</exception>
    /// <exception cref="ObjectDisposedException">The writer is disposed.</exception>
    public ValueTask<AppendResult> AppendAsync(AppendRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new Pending(request, cancellationToken);
        if (_queue.Writer.TryWrite(pending))
        {
            return new ValueTask<AppendResult>(pending.Completion.Task);
        }

        return EnqueueSlowAsync(pending);
    }

    /// <summary>Stops accepting appends, sends everything queued and waits for the last batch.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async ValueTask<AppendResult> EnqueueSlowAsync(Pending pending)
    {
        try
        {
            await _queue.Writer.WriteAsync(pending, pending.CancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            throw new ObjectDisposedException(nameof(GroupCommitWriter));
        }

        return await pending.Completion.Task.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(_maxBatchSize);
        var requests = new List<AppendRequest>(_maxBatchSize);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _maxBatchSize && _queue.Reader.TryRead(out var pending))
            {
                if (pending.CancellationToken.IsCancellationRequested)
                {
                    pending.Completion.TrySetCanceled(pending.CancellationToken);
                    continue;
                }

                batch.Add(pending);
                requests.Add(pending.Request);
            }

            if (batch.Count > 0)
            {
                await SendAsync(batch, requests).ConfigureAwait(false);
            }

            batch.Clear();
            requests.Clear();
        }
    }

    private async Task SendAsync(List<Pending> batch, List<AppendRequest> requests)
    {
        var startedAt = Stopwatch.GetTimestamp();
        using var activity = StoreTracing.StartBatch(batch, static p => p.Caller);
        try
        {
            // The batch is sent as a copy: the store may hold on to the list after a failure.
            var results = await _store.AppendBatchAsync(requests.ToArray(), CancellationToken.None).ConfigureAwait(false);
            if (results.Count != batch.Count)
            {
                throw new InvalidOperationException($"The store answered {results.Count} results for {batch.Count} requests.");
            }

            StoreMetrics.Appended(startedAt, batch.Count, results);

            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(results[i]);
            }
        }
#pragma warning disable CA1031 // Every caller in the batch must learn the failure; the loop must survive it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            StoreMetrics.Failed(startedAt);
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(e);
            }
        }
    }

    private sealed class Pending(AppendRequest request, CancellationToken cancellationToken)
    {
        public AppendRequest Request { get; } = request;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public ActivityContext Caller { get; } = StoreTracing.Caller();

        public TaskCompletionSource<AppendResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
