using System.Threading.Channels;
using V1 = AccountGrains.Contracts.V1;

namespace AccountGrains.Gateway;

/// <summary>
/// One <c>WatchEvents</c> call's place on the live tail: a bounded buffer the tail offers events to without ever
/// waiting. When the buffer is full the tail completes it and drops the subscriber, which then catches up from its own
/// position in the store (<see cref="EventWatcher"/>).
/// </summary>
internal sealed class TailSubscriber(WatchFilter filter, int capacity)
{
    private Channel<V1.AccountEvent> _buffer = Create(capacity);
    private long _after;
    private long _sent;

    /// <summary>Whether the subscriber is on the tail now (set by the tail, under its lock).</summary>
    public bool IsLive { get; set; }

    /// <summary>The position the call has read up to and sent (or filtered out): set by the call after each event.</summary>
    public long Sent
    {
        get => Volatile.Read(ref _sent);
        set => Volatile.Write(ref _sent, value);
    }

    /// <summary>
    /// How many events the call is behind <paramref name="logEnd"/>: none while it is live with an empty buffer (the
    /// tail skips events its filter drops, so its position alone would overstate a filtered watch).
    /// </summary>
    public long LagBehind(long logEnd) =>
        IsLive && _buffer.Reader.Count == 0 ? 0 : Math.Max(0, logEnd - Sent);

    /// <summary>A fresh, empty buffer for events after <paramref name="position"/>; called before joining the tail.</summary>
    public ChannelReader<V1.AccountEvent> Reset(long position)
    {
        _buffer = Create(capacity);
        _after = position;
        return _buffer.Reader;
    }

    /// <summary>
    /// Called by the tail (under its lock) for each live event: buffers it when the filter keeps it. Returns the buffer's
    /// count, or -1 when it is full: the buffer is then completed and the subscriber must leave.
    /// </summary>
    public int Offer(V1.AccountEvent evt)
    {
        if (evt.Position <= _after || !filter.Matches(evt.AccountId, evt.Type))
        {
            return 0;
        }

        if (_buffer.Writer.TryWrite(evt))
        {
            return _buffer.Reader.Count;
        }

        _buffer.Writer.TryComplete();
        return -1;
    }

    /// <summary>Ends the live phase (the tail stopped): the reader drains what is buffered, then catches up.</summary>
    public void Complete() => _buffer.Writer.TryComplete();

    // Only the tail writes (under its lock) and only the call reads; TryWrite on a full buffer fails at once.
    private static Channel<V1.AccountEvent> Create(int capacity) => Channel.CreateBounded<V1.AccountEvent>(
        new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
}
