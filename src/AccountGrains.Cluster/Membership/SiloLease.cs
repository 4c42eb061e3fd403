namespace AccountGrains.Cluster.Membership;

/// <summary>
/// What this silo can prove about its own lease, by its own monotonic clock (<see cref="TimeProvider.GetTimestamp"/>).
/// It may serve until the moment it SENT its last successful renewal plus <see cref="ClusterOptions.LeaseDuration"/>
/// minus <see cref="ClusterOptions.SafetyMargin"/>. The database stamps that renewal later than it was sent,
/// and others wait for the full lease after that stamp, so this silo always stops first (clock rates agreeing).
/// </summary>
/// <remarks>
/// Once the window lapsed the silo is fenced: a later renewal does not reopen it until every activation
/// made before the lapse is gone (<see cref="TryUnfence"/>), since another silo may own those grains now.
/// <see cref="IsServing"/> is read at every turn, so it reads one field and the clock, without a lock.
/// </remarks>
internal sealed class SiloLease(ClusterOptions options, TimeProvider time)
{
    private readonly object _gate = new();
    private readonly long _window = (long)((options.LeaseDuration - options.SafetyMargin).TotalSeconds * time.TimestampFrequency);
    private long _validUntil = long.MinValue;
    private long _proof = long.MinValue;
    private bool _joined;
    private bool _fenced;
    private bool _terminated;

    /// <summary>Serving: joined, not fenced, and the last proof still within its window.</summary>
    public bool IsServing => time.GetTimestamp() < Volatile.Read(ref _validUntil);

    public bool IsFenced
    {
        get
        {
            lock (_gate)
            {
                return _fenced;
            }
        }
    }

    public bool IsTerminated
    {
        get
        {
            lock (_gate)
            {
                return _terminated;
            }
        }
    }

    /// <summary>A renewal (or the registration) sent at <paramref name="sentAt"/> succeeded.</summary>
    /// <remarks>It extends the window only if the window has not lapsed meanwhile; a lapse is handled by fencing.</remarks>
    public void Renewed(long sentAt)
    {
        lock (_gate)
        {
            _proof = Math.Max(_proof, sentAt + _window);
            if (!_terminated && !_fenced && (!_joined || time.GetTimestamp() < _validUntil))
            {
                _joined = true;
                Volatile.Write(ref _validUntil, _proof);
            }
        }
    }

    /// <summary>Fences the silo if its window lapsed; <see langword="true"/> only on the call that fenced it.</summary>
    public bool FenceIfLapsed()
    {
        lock (_gate)
        {
            if (!_joined || _fenced || _terminated || time.GetTimestamp() < _validUntil)
            {
                return false;
            }

            _fenced = true;
            Volatile.Write(ref _validUntil, long.MinValue);
            return true;
        }
    }

    /// <summary>
    /// Serves again on the latest proof, if it is still fresh. Call only once every activation made before the
    /// lapse is gone.
    /// </summary>
    public bool TryUnfence()
    {
        lock (_gate)
        {
            if (!_fenced || _terminated || time.GetTimestamp() >= _proof)
            {
                return false;
            }

            _fenced = false;
            Volatile.Write(ref _validUntil, _proof);
            return true;
        }
    }

    /// <summary>Stops serving for good (declared dead, or left).</summary>
    public void Terminate()
    {
        lock (_gate)
        {
            _terminated = true;
            _fenced = true;
            Volatile.Write(ref _validUntil, long.MinValue);
        }
    }
}
