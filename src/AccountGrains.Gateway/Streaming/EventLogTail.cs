using System.Diagnostics.Metrics;
using AccountGrains.Storage;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using V1 = AccountGrains.Contracts.V1;

namespace AccountGrains.Gateway;

/// <summary>
/// The silo's one live reader of the global log: it reads each new page once, maps each event once, and offers it to
/// every live <c>WatchEvents</c> subscriber's bounded buffer without waiting on any of them. A subscriber whose buffer is
/// full is dropped from the tail (it catches up from the store by itself), so a slow client never slows the tail nor
/// grows the silo's memory beyond <see cref="GatewayWatchOptions.SubscriberBuffer"/> events per subscriber.
/// </summary>
/// <remarks>
/// The tail runs only while it has subscribers. It wakes on <see cref="IEventLogSignal"/> (NOTIFY from any silo on
/// PostgreSQL, the local commit on SQLite) and otherwise reads every <see cref="GatewayWatchOptions.PollInterval"/>.
/// A subscriber may join only at or after the tail's position, so nothing the tail already sent is skipped.
/// </remarks>
internal sealed class EventLogTail : IAsyncDisposable
{
    private readonly IEventStore _store;
    private readonly IEventLogSignal? _signal;
    private readonly GatewayWatchOptions _options;
    private readonly ILogger<EventLogTail> _logger;
    private readonly Lock _gate = new();
    private readonly List<TailSubscriber> _live = [];
    private readonly HashSet<TailSubscriber> _watching = [];
    private readonly CancellationTokenSource _stopping = new();
    private long _position;
    private long _logEnd;
    private bool _running;
    private long _overflows;
    private int _maxBuffered;

    public EventLogTail(IEventStore store, IOptions<GatewayWatchOptions> options, ILogger<EventLogTail> logger, IMeterFactory meters, IEventLogSignal? signal = null)
    {
        _store = store;
        _options = options.Value;
        _logger = logger;
        _signal = signal;
        WatchMetrics.Observe(meters, this);
    }

    /// <summary>How many times a subscriber's buffer was full and it fell back to reading the store.</summary>
    public long Overflows => Interlocked.Read(ref _overflows);

    /// <summary>The most events any one subscriber's buffer has held: never more than <see cref="GatewayWatchOptions.SubscriberBuffer"/>.</summary>
    public int MaxBuffered => Volatile.Read(ref _maxBuffered);

    /// <summary>The live subscribers now.</summary>
    public int LiveSubscribers
    {
        get
        {
            lock (_gate)
            {
                return _live.Count;
            }
        }
    }

    /// <summary>The options the tail and the watchers run with.</summary>
    public GatewayWatchOptions Options => _options;

    /// <summary>The wake-up, if the store offers one.</summary>
    public IEventLogSignal? Signal => _signal;

    /// <summary>
    /// Joins <paramref name="subscriber"/>, which has read the log up to <paramref name="position"/>, if the tail has not
    /// gone past that position (else it must read the store further first). Starts the tail when it is idle.
    /// </summary>
    public bool TryJoin(TailSubscriber subscriber, long position)
    {
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
            {
                throw new RpcException(new Status(StatusCode.Unavailable, "The silo is stopping; resume from the last position received."));
            }

            if (!_running)
            {
                _running = true;
                _position = position;
                _live.Add(subscriber);
                subscriber.IsLive = true;
                _ = Task.Run(RunAsync, CancellationToken.None);
                return true;
            }

            if (position < _position)
            {
                return false;
            }

            _live.Add(subscriber);
            subscriber.IsLive = true;
            return true;
        }
    }

    public void Leave(TailSubscriber subscriber)
    {
        lock (_gate)
        {
            _live.Remove(subscriber);
            subscriber.IsLive = false;
        }
    }

    /// <summary>A <c>WatchEvents</c> call started (<see langword="true"/>) or ended: what the lag gauges observe.</summary>
    public void Watching(TailSubscriber subscriber, bool watching)
    {
        lock (_gate)
        {
            _ = watching ? _watching.Add(subscriber) : _watching.Remove(subscriber);
        }
    }

    /// <summary>A catch-up read saw the log up to <paramref name="position"/>: the log's end is at least there.</summary>
    public void Seen(long position)
    {
        var end = Volatile.Read(ref _logEnd);
        while (position > end)
        {
            var was = Interlocked.CompareExchange(ref _logEnd, position, end);
            if (was == end)
            {
                return;
            }

            end = was;
        }
    }

    /// <summary>The furthest-behind subscriber's lag behind the log's end as this silo has read it, in events; 0 with none.</summary>
    public long LargestLag()
    {
        var end = Volatile.Read(ref _logEnd);
        long largest = 0;
        lock (_gate)
        {
            foreach (var s in _watching)
            {
                largest = Math.Max(largest, s.LagBehind(end));
            }
        }

        return largest;
    }

    /// <summary>The <c>WatchEvents</c> calls following the tail, and those reading the store.</summary>
    public (int Live, int CatchingUp) CountWatching()
    {
        lock (_gate)
        {
            var live = _live.Count(_watching.Contains);
            return (live, _watching.Count - live);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        lock (_gate)
        {
            foreach (var s in _live)
            {
                s.Complete();
            }

            _live.Clear();
        }
    }

    private async Task RunAsync()
    {
        var stopping = _stopping.Token;
        while (true)
        {
            long after;
            lock (_gate)
            {
                if (stopping.IsCancellationRequested)
                {
                    // Stopping: every subscriber drains its buffer and ends with its call.
                    _live.ForEach(s => s.Complete());
                    _live.Clear();
                }

                if (_live.Count == 0)
                {
                    _running = false;
                    return;
                }

                after = _position;
            }

            try
            {
                var page = await _store.ReadLogAsync(after, _options.PageSize, stopping);
                if (page.Count == 0)
                {
                    await WaitAsync(after, stopping);
                    continue;
                }

                var events = new V1.AccountEvent[page.Count];
                for (var i = 0; i < events.Length; i++)
                {
                    events[i] = WatchEventMapping.ToProto(page[i]);
                }

                FanOut(events);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // DisposeAsync completed every subscriber; the next loop turn marks the tail stopped.
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                // Whatever failed (usually the store being unreachable), subscribers only wait longer: the tail must not
                // die while calls wait on it. The next turn reads the same position again.
                GatewayLog.TailReadFailed(_logger, e.GetType().Name);
                await Task.Delay(_options.PollInterval, CancellationToken.None);
            }
        }
    }

    private async Task WaitAsync(long after, CancellationToken stopping)
    {
        if (_signal is null)
        {
            await Task.Delay(_options.PollInterval, stopping);
        }
        else
        {
            await _signal.WaitForAppendAsync(after, _options.PollInterval, stopping);
        }
    }

    private void FanOut(V1.AccountEvent[] events)
    {
        lock (_gate)
        {
            foreach (var evt in events)
            {
                for (var i = _live.Count - 1; i >= 0; i--)
                {
                    var buffered = _live[i].Offer(evt);
                    if (buffered < 0)
                    {
                        _live.RemoveAt(i);
                        _overflows++;
                    }
                    else if (buffered > _maxBuffered)
                    {
                        _maxBuffered = buffered;
                    }
                }
            }

            _position = events[^1].Position;
        }

        Seen(events[^1].Position);
    }
}
