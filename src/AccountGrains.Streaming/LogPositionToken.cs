using System.Globalization;
using Orleans.Streams;

namespace AccountGrains.Streaming;

/// <summary>
/// The stream's sequence token: an event's global log position (<see cref="Storage.StoredEvent.Position"/>), which
/// grows in commit order. As everywhere in Orleans, a subscription resumed with a token receives the events
/// <em>after</em> it: pass the token of the last event processed. A token the partition's cache no longer holds (or
/// that is not one of the partition's events) is a cache miss, and delivery resumes at the batch at hand; a durable
/// consumer reads what it missed from the log (as the reporting projection does).
/// </summary>
[GenerateSerializer, Immutable]
public sealed class LogPositionToken : StreamSequenceToken
{
    /// <summary>A token at <paramref name="position"/>.</summary>
    public LogPositionToken(long position)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        SequenceNumber = position;
    }

    /// <summary>The global position.</summary>
    public long Position => SequenceNumber;

    /// <inheritdoc />
    [Id(0)]
    public override long SequenceNumber { get; protected set; }

    /// <inheritdoc />
    /// <remarks>Always 0: every batch carries one event.</remarks>
    [Id(1)]
    public override int EventIndex { get; protected set; }

    /// <inheritdoc />
    public override bool Equals(StreamSequenceToken? other) =>
        other is not null && other.SequenceNumber == SequenceNumber && other.EventIndex == EventIndex;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is StreamSequenceToken other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(SequenceNumber, EventIndex);

    /// <inheritdoc />
    public override int CompareTo(StreamSequenceToken? other)
    {
        if (other is null)
        {
            return 1;
        }

        var bySequence = SequenceNumber.CompareTo(other.SequenceNumber);
        return bySequence != 0 ? bySequence : EventIndex.CompareTo(other.EventIndex);
    }

    /// <inheritdoc />
    public override string ToString() => "position " + SequenceNumber.ToString(CultureInfo.InvariantCulture);
}
