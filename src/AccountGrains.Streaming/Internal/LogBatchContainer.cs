using Orleans.Streams;

namespace AccountGrains.Streaming.Internal;

/// <summary>One logged event as a batch of the partition's stream; its token is the event's position.</summary>
[GenerateSerializer, Immutable]
internal sealed class LogBatchContainer(StreamId streamId, LoggedEvent loggedEvent) : IBatchContainer
{
    [Id(0)]
    public StreamId StreamId { get; } = streamId;

    [Id(1)]
    public LoggedEvent Event { get; } = loggedEvent;

    public StreamSequenceToken SequenceToken => new LogPositionToken(Event.Position);

    public long Position => Event.Position;

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>() =>
        Event is T item ? [Tuple.Create(item, SequenceToken)] : [];

    // Producing is appending to the store: there is no producer's request context to carry.
    public bool ImportRequestContext() => false;
}
