namespace AccountGrains.Grpc.Client.Internal;

/// <summary>
/// The lifetime of one call: the caller's token, the channel's shutdown and the deadline folded into one token,
/// and which of them ended the call.
/// </summary>
internal sealed class CallScope : IDisposable
{
    // CancellationTokenSource timers take at most uint.MaxValue - 1 ms; a deadline further away is as good as none.
    private static readonly TimeSpan LongestTimer = TimeSpan.FromMilliseconds(uint.MaxValue - 2);

    private readonly CancellationToken _callerToken;
    private readonly CancellationToken _shutdownToken;
    private readonly CancellationTokenSource? _deadlineSource;
    private readonly CancellationTokenSource _linked;
    private readonly TimeProvider _time;
    private volatile bool _cancelledByCaller;

    public CallScope(CancellationToken callerToken, CancellationToken shutdownToken, DateTimeOffset? deadline, TimeProvider time)
    {
        _callerToken = callerToken;
        _shutdownToken = shutdownToken;
        _time = time;
        if (deadline is { } at && at - time.GetUtcNow() < LongestTimer)
        {
            Deadline = at;
            var remaining = at - time.GetUtcNow();
            _deadlineSource = new CancellationTokenSource(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, time);
        }

        _linked = _deadlineSource is null
            ? CancellationTokenSource.CreateLinkedTokenSource(callerToken, shutdownToken)
            : CancellationTokenSource.CreateLinkedTokenSource(callerToken, shutdownToken, _deadlineSource.Token);
    }

    /// <summary>The call's deadline, when it has one worth a timer.</summary>
    public DateTimeOffset? Deadline { get; }

    /// <summary>Cancelled when the caller cancels, the channel shuts down, the deadline passes or the call is disposed.</summary>
    public CancellationToken Token => _linked.Token;

    public bool IsEnded => _linked.IsCancellationRequested;

    /// <summary>The time left for the <c>grpc-timeout</c> header, or <see langword="null"/> without a deadline.</summary>
    public TimeSpan? Remaining => Deadline is { } at ? at - _time.GetUtcNow() : null;

    /// <summary>Ends the call on the caller's behalf (disposing an unfinished call).</summary>
    public void Cancel()
    {
        _cancelledByCaller = true;
        try
        {
            _linked.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already finished and cleaned up: nothing to cancel.
        }
    }

    /// <summary>The status of a call this scope ended; a deadline that passed wins only if nobody cancelled first.</summary>
    public Status EndedStatus()
    {
        if (_callerToken.IsCancellationRequested || _cancelledByCaller)
        {
            return new Status(StatusCode.Cancelled, "Call cancelled by the client.");
        }

        if (_shutdownToken.IsCancellationRequested)
        {
            return new Status(StatusCode.Cancelled, "The channel was disposed.");
        }

        return new Status(StatusCode.DeadlineExceeded, "Deadline exceeded.");
    }

    public void Dispose()
    {
        _linked.Dispose();
        _deadlineSource?.Dispose();
    }
}
