using AccountGrains.Storage;

namespace AccountGrains.Grains.Tests.Support;

/// <summary>
/// A real store with switches a test flips: an outage (every call throws <see cref="StoreUnavailableException"/>
/// as the providers do), a gate that holds appends, and a competing writer that slips an event in before
/// each append (a real conflict at the real store).
/// </summary>
internal sealed class ControlledStore(ITestStore inner) : ITestStore
{
    private readonly IEventStore _events = inner.Events;
    private volatile bool _down;
    private volatile TaskCompletionSource? _appendGate;
    private Decorator? _decorator;
    private int _streamReads;

    public IEventStore Events => _decorator ??= new Decorator(this);

    public IEventStore Inner => _events;

    /// <summary>How many times the silo read an account's stream (each activation load or reload reads it at least once).</summary>
    public int StreamReads => Volatile.Read(ref _streamReads);

    /// <summary>Before each append, this runs against the real store (for example, another writer's append).</summary>
    public Func<Task>? BeforeAppend { get; set; }

    public bool Down
    {
        get => _down;
        set => _down = value;
    }

    private readonly TaskCompletionSource _appendArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Holds every append until <see cref="ReleaseAppends"/>; the task completes when the first one is held.</summary>
    public Task HoldAppends()
    {
        _appendGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _appendArrived.Task;
    }

    public void ReleaseAppends() => Interlocked.Exchange(ref _appendGate, null)?.TrySetResult();

    public void Configure(ISiloBuilder silo) => inner.Configure(silo);

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    private void ThrowIfDown()
    {
        if (_down)
        {
            throw new StoreUnavailableException("The test switched the store off.");
        }
    }

    private sealed class Decorator(ControlledStore owner) : IEventStore
    {
        public async ValueTask<IReadOnlyList<AppendResult>> AppendBatchAsync(IReadOnlyList<AppendRequest> requests, CancellationToken cancellationToken = default)
        {
            if (owner._appendGate is { } gate)
            {
                owner._appendArrived.TrySetResult();
                await gate.Task;
            }

            owner.ThrowIfDown();
            if (owner.BeforeAppend is { } before)
            {
                await before();
            }

            return await owner._events.AppendBatchAsync(requests, cancellationToken);
        }

        public ValueTask<IReadOnlyList<StoredEvent>> ReadStreamAsync(string accountId, long afterSeq, int maxCount, CancellationToken cancellationToken = default)
        {
            owner.ThrowIfDown();
            Interlocked.Increment(ref owner._streamReads);
            return owner._events.ReadStreamAsync(accountId, afterSeq, maxCount, cancellationToken);
        }

        public ValueTask<IReadOnlyList<StoredEvent>> ReadLogAsync(long afterPosition, int maxCount, CancellationToken cancellationToken = default)
        {
            owner.ThrowIfDown();
            return owner._events.ReadLogAsync(afterPosition, maxCount, cancellationToken);
        }

        public ValueTask<Snapshot?> LoadSnapshotAsync(string accountId, CancellationToken cancellationToken = default)
        {
            owner.ThrowIfDown();
            return owner._events.LoadSnapshotAsync(accountId, cancellationToken);
        }

        public ValueTask SaveSnapshotAsync(Snapshot snapshot, CancellationToken cancellationToken = default)
        {
            owner.ThrowIfDown();
            return owner._events.SaveSnapshotAsync(snapshot, cancellationToken);
        }

        public ValueTask<IdempotencyRecord?> FindIdempotencyKeyAsync(string accountId, string key, CancellationToken cancellationToken = default)
        {
            owner.ThrowIfDown();
            return owner._events.FindIdempotencyKeyAsync(accountId, key, cancellationToken);
        }
    }
}
