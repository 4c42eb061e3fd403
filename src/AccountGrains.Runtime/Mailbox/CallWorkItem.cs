using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Tasks.Sources;

namespace AccountGrains.Runtime;

/// <summary>
/// A queued call and the awaitable its caller holds (<see cref="IValueTaskSource{TResult}"/>), pooled
/// per closed generic type so a queued call allocates nothing in the steady state.
/// </summary>
/// <remarks>
/// Two owners hold an item: the mailbox (until it ran or failed the item) and the caller (until it read
/// the result). The last one to let go returns it to the pool. <see cref="_state"/> decides, once,
/// whether the turn starts or the item completes without running (cancelled while queued, or the
/// activation failed).
/// </remarks>
internal sealed class CallWorkItem<TGrain, TArg, TResult> : WorkItem, IValueTaskSource<TResult>
    where TGrain : Grain
{
    private const int MaxPooled = 256;
    private const int Queued = 0;
    private const int Started = 1;
    private const int Completed = 2;

    private static readonly ConcurrentQueue<CallWorkItem<TGrain, TArg, TResult>> Pool = new();
    private static int s_pooled;

    private ManualResetValueTaskSourceCore<TResult> _core;
    private TArg _argument = default!;
    private TResult _result = default!;
    private Exception? _exception;
    private Func<TGrain, TArg, CancellationToken, ValueTask<TResult>>? _call;
    private CancellationToken _cancellationToken;
    private CancellationTokenRegistration _registration;
    private int _state;
    private int _owners;

    private CallWorkItem() => _core.RunContinuationsAsynchronously = true;

    /// <summary>The caller's side; await it once.</summary>
    public ValueTask<TResult> Task => new(this, _core.Version);

    public static CallWorkItem<TGrain, TArg, TResult> Rent(TArg argument, Func<TGrain, TArg, CancellationToken, ValueTask<TResult>> call, CancellationToken cancellationToken)
    {
        if (Pool.TryDequeue(out var item))
        {
            Interlocked.Decrement(ref s_pooled);
        }
        else
        {
            item = new CallWorkItem<TGrain, TArg, TResult>();
        }

        item._argument = argument;
        item._call = call;
        item._cancellationToken = cancellationToken;
        item._state = Queued;
        item._owners = 2;
        if (cancellationToken.CanBeCanceled)
        {
            item._registration = cancellationToken.UnsafeRegister(static s => ((CallWorkItem<TGrain, TArg, TResult>)s!).CancelWhileQueued(), item);
        }

        return item;
    }

    /// <summary>Gives back an item that was never queued (the activation was deactivating).</summary>
    public void ReturnUnqueued()
    {
        _registration.Dispose();
        Recycle();
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public override async ValueTask RunAsync(Activation activation)
    {
        if (Interlocked.CompareExchange(ref _state, Started, Queued) != Queued)
        {
            return;
        }

        _registration.Dispose();

        // Queued before the silo fenced itself: the grain may belong to another silo by now.
        if (!activation.Runtime.Ownership.IsServing)
        {
            _exception = GrainRuntime.FencedException();
            return;
        }

        activation.Runtime.Metrics.Turn(activation.Type);
        try
        {
            _result = await _call!((TGrain)activation.Grain!, _argument, _cancellationToken);
        }
        catch (Exception ex)
        {
            _exception = ex;
        }
    }

    public override void Complete()
    {
        if (_state == Started)
        {
            if (_exception is null)
            {
                _core.SetResult(_result);
            }
            else
            {
                _core.SetException(_exception);
            }
        }

        Release();
    }

    public override void Fail(Exception exception)
    {
        if (Interlocked.CompareExchange(ref _state, Completed, Queued) == Queued)
        {
            _registration.Dispose();
            _core.SetException(exception);
        }

        Release();
    }

    TResult IValueTaskSource<TResult>.GetResult(short token)
    {
        try
        {
            return _core.GetResult(token);
        }
        finally
        {
            Release();
        }
    }

    ValueTaskSourceStatus IValueTaskSource<TResult>.GetStatus(short token) => _core.GetStatus(token);

    void IValueTaskSource<TResult>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    // The item stays linked in the mailbox; the drain skips it and lets go of it there.
    private void CancelWhileQueued()
    {
        if (Interlocked.CompareExchange(ref _state, Completed, Queued) == Queued)
        {
            _core.SetException(new OperationCanceledException(_cancellationToken));
        }
    }

    private void Release()
    {
        if (Interlocked.Decrement(ref _owners) == 0)
        {
            Recycle();
        }
    }

    private void Recycle()
    {
        _core.Reset();
        _argument = default!;
        _result = default!;
        _exception = null;
        _call = null;
        _cancellationToken = default;
        _registration = default;
        if (Interlocked.Increment(ref s_pooled) <= MaxPooled)
        {
            Pool.Enqueue(this);
        }
        else
        {
            Interlocked.Decrement(ref s_pooled);
        }
    }
}
