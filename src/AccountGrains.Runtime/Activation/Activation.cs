namespace AccountGrains.Runtime;

/// <summary>
/// One live instance of a grain in this silo, with its mailbox: an intrusive FIFO of work items drained
/// by at most one thread at a time (<see cref="_running"/>), so the grain never runs two turns at once.
/// </summary>
/// <remarks>
/// Invariants, all under <c>lock (this)</c>: when <see cref="_running"/> is false the queue is empty;
/// whoever sets it to true owns the grain until it sets it back or hands the drain to the ThreadPool.
/// The lock is per activation (never global) and is held only to link or unlink one item.
/// </remarks>
internal sealed class Activation : IThreadPoolWorkItem
{
    // A busy grain gives its thread back after this many turns in a row, so others get a fair share.
    private const int TurnsPerDrain = 64;

    private readonly GrainRuntime _runtime;
    private WorkItem? _head;
    private WorkItem? _tail;
    private TaskCompletionSource? _deactivated;
    private ActivationState _state = ActivationState.Activating;
    private bool _running = true;
    private bool _activated; // touched only by the mailbox's owner
    private long _lastUsed;

    public Activation(GrainRuntime runtime, GrainTypeInfo type, GrainId id)
    {
        _runtime = runtime;
        Type = type;
        Id = id;
        _lastUsed = runtime.Time.GetTimestamp();
    }

    public GrainId Id { get; }

    public GrainRuntime Runtime => _runtime;

    public GrainTypeInfo Type { get; }

    public Grain? Grain { get; private set; }

    /// <summary>The timestamp (<see cref="TimeProvider.GetTimestamp"/>) at which the last turn ended.</summary>
    public long LastUsed => Volatile.Read(ref _lastUsed);

    public ActivationState State
    {
        get
        {
            lock (this)
            {
                return _state;
            }
        }
    }

    /// <summary>Takes the grain for a turn on the caller's thread if it is live and idle.</summary>
    public Grain? TryBeginInlineTurn()
    {
        lock (this)
        {
            if (_state != ActivationState.Valid || _running)
            {
                return null;
            }

            _running = true;
            return Grain;
        }
    }

    /// <summary>Ends a turn begun by <see cref="TryBeginInlineTurn"/>; hands queued work to the ThreadPool.</summary>
    public void EndInlineTurn()
    {
        Volatile.Write(ref _lastUsed, _runtime.Time.GetTimestamp());
        bool schedule;
        lock (this)
        {
            schedule = _head is not null;
            _running = schedule;
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    /// <summary>Queues a call; <see langword="false"/> when the activation is deactivating (wait for <see cref="WhenDeactivated"/>, then retry).</summary>
    public bool TryEnqueue(WorkItem item)
    {
        bool schedule;
        lock (this)
        {
            if (_state is ActivationState.Deactivating or ActivationState.Deactivated)
            {
                return false;
            }

            Append(item);
            schedule = !_running;
            _running = true;
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        return true;
    }

    /// <summary>
    /// Queues the deactivation turn behind the calls already queued. With <paramref name="idleSince"/>, only
    /// if the grain is live, not running, and its last turn ended at or before that timestamp.
    /// </summary>
    /// <returns>A task that completes once the activation left the directory; <see langword="null"/> when the idle condition did not hold.</returns>
    public Task? BeginDeactivate(DeactivationReason reason, long? idleSince)
    {
        bool schedule;
        Task deactivated;
        lock (this)
        {
            _deactivated ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_state is ActivationState.Deactivating or ActivationState.Deactivated)
            {
                return _deactivated.Task;
            }

            if (idleSince is { } cutoff && (_state != ActivationState.Valid || _running || _lastUsed > cutoff))
            {
                return null;
            }

            _state = ActivationState.Deactivating;
            Append(new DeactivationWorkItem(reason));
            schedule = !_running;
            _running = true;
            deactivated = _deactivated.Task;
        }

        if (schedule)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        return deactivated;
    }

    /// <summary>Completes once the activation left the directory (deactivated, or its activation failed).</summary>
    public Task WhenDeactivated()
    {
        lock (this)
        {
            return (_deactivated ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }
    }

    /// <summary>Starts the first turn (activation) on the ThreadPool; called once, by the creator, after it queued its call.</summary>
    public void Start() => ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);

    void IThreadPoolWorkItem.Execute() => _ = DrainAsync();

    /// <summary>The deactivation turn: OnDeactivateAsync, then leave the directory.</summary>
    public async ValueTask DeactivateAsync(DeactivationReason reason)
    {
        if (Grain is { } grain)
        {
            try
            {
                await grain.OnDeactivateAsync(reason, _runtime.AbortToken);
            }
            catch (Exception ex)
            {
                RuntimeLog.DeactivationFailed(_runtime.Logger, ex, Id);
            }

            // Still in the directory, so no new activation of this grain can start here while ownership is released.
            try
            {
                await _runtime.Ownership.OnDeactivatedAsync(Id, reason, _runtime.AbortToken);
            }
            catch (Exception ex)
            {
                RuntimeLog.OwnershipReleaseFailed(_runtime.Logger, ex, Id);
            }
        }

        Grain = null;
        Leave(reason);
    }

    private async Task DrainAsync()
    {
        try
        {
            if (!_activated && !await ActivateAsync())
            {
                return;
            }

            var item = Dequeue();
            var turns = 0;
            while (item is not null)
            {
                await item.RunAsync(this);
                Volatile.Write(ref _lastUsed, _runtime.Time.GetTimestamp());
                bool more;
                lock (this)
                {
                    more = _head is not null;
                    _running = more;
                }

                // Completed only now, so a caller that sees its result finds the grain idle unless others queued.
                item.Complete();
                if (!more)
                {
                    return;
                }

                if (++turns == TurnsPerDrain)
                {
                    // Still owning the mailbox, with work left: continue on a fresh ThreadPool item.
                    ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
                    return;
                }

                item = Dequeue();
            }
        }
        catch (Exception ex)
        {
            // Work items complete their callers themselves; reaching here is a runtime bug, so make it loud.
            RuntimeLog.MailboxFaulted(_runtime.Logger, ex, Id);
        }
    }

    private async ValueTask<bool> ActivateAsync()
    {
        Grain? grain = null;
        try
        {
            if (!await _runtime.Ownership.CanActivateAsync(Id, _runtime.AbortToken))
            {
                throw new GrainNotOwnedException(Id);
            }

            grain = Type.Create(_runtime.Services, Id);
            grain.Attach(this);
            await grain.OnActivateAsync(_runtime.AbortToken);
        }
        catch (Exception ex)
        {
            if (ex is GrainNotOwnedException notOwned)
            {
                RuntimeLog.ActivationNotOwned(_runtime.Logger, Id, notOwned.OwnerSiloId); // routine in a cluster: the caller forwards
            }
            else
            {
                RuntimeLog.ActivationFailed(_runtime.Logger, ex, Id);
            }
            _runtime.Metrics.ActivationFailed(Type);
            FailActivation(ex);
            return false;
        }

        Grain = grain;
        _activated = true;
        Volatile.Write(ref _lastUsed, _runtime.Time.GetTimestamp());
        lock (this)
        {
            // A shutdown may already have queued the deactivation turn; it runs after the queued calls.
            if (_state == ActivationState.Activating)
            {
                _state = ActivationState.Valid;
            }
        }

        return true;
    }

    private void FailActivation(Exception exception)
    {
        WorkItem? waiting;
        lock (this)
        {
            waiting = _head;
            _head = _tail = null;
            _state = ActivationState.Deactivated;
        }

        _runtime.Remove(this, reason: null);
        while (waiting is not null)
        {
            var next = waiting.Next;
            waiting.Next = null;
            waiting.Fail(exception);
            waiting = next;
        }

        SignalDeactivated();
    }

    private void Leave(DeactivationReason reason)
    {
        lock (this)
        {
            _state = ActivationState.Deactivated;
        }

        _runtime.Remove(this, reason);
        SignalDeactivated();
    }

    // Only after leaving the directory, so a waiting caller that retries creates a fresh activation.
    private void SignalDeactivated()
    {
        TaskCompletionSource signal;
        lock (this)
        {
            signal = _deactivated ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        signal.TrySetResult();
    }

    private WorkItem? Dequeue()
    {
        lock (this)
        {
            var item = _head;
            if (item is null)
            {
                _running = false;
                return null;
            }

            _head = item.Next;
            _tail = _head is null ? null : _tail;
            item.Next = null;
            return item;
        }
    }

    private void Append(WorkItem item)
    {
        if (_tail is null)
        {
            _head = _tail = item;
        }
        else
        {
            _tail.Next = item;
            _tail = item;
        }
    }
}
