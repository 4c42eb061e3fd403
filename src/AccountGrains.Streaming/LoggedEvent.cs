using AccountGrains.Domain;
using AccountGrains.Storage;

namespace AccountGrains.Streaming;

/// <summary>
/// One committed event as the stream carries it: the store's envelope and payload, with its global position
/// (also the item's <see cref="LogPositionToken"/>).
/// </summary>
/// <param name="AccountId">The account.</param>
/// <param name="Seq">Its number in the account's stream.</param>
/// <param name="Position">Its place in the global log (commit order).</param>
/// <param name="Type">The stable event type name (<see cref="EventTypeNames"/>).</param>
/// <param name="At">When it happened (UTC, microseconds).</param>
/// <param name="Actor">Who caused it (<c>system</c> for the service itself).</param>
/// <param name="Reason">The short reason, when there is one.</param>
/// <param name="Payload">The serialized payload, as stored.</param>
[GenerateSerializer, Immutable]
public sealed record LoggedEvent(
    [property: Id(0)] string AccountId,
    [property: Id(1)] long Seq,
    [property: Id(2)] long Position,
    [property: Id(3)] string Type,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] string Actor,
    [property: Id(6)] string? Reason,
    [property: Id(7)] byte[] Payload)
{
    /// <summary>The stored event as the stream carries it.</summary>
    public static LoggedEvent From(StoredEvent stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var e = stored.Event;
        return new LoggedEvent(stored.AccountId, stored.Seq, stored.Position, e.Type, e.At, e.Actor, e.Reason, e.Data.ToArray());
    }

    /// <summary>The domain event, envelope included.</summary>
    public AccountEvent ToDomainEvent() => AccountEventSerializer.Deserialize(Type, Payload, At, Actor, Reason);
}
