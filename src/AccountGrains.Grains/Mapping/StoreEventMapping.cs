using AccountGrains.Domain;
using AccountGrains.Storage;

namespace AccountGrains.Grains;

/// <summary>Domain events to and from the store's opaque <see cref="EventData"/>.</summary>
internal static class StoreEventMapping
{
    public static EventData ToData(AccountEvent evt) =>
        new(AccountEventSerializer.TypeOf(evt), evt.At, evt.Actor, evt.Reason, AccountEventSerializer.SerializePayload(evt));

    public static AccountEvent ToEvent(StoredEvent stored) =>
        AccountEventSerializer.Deserialize(stored.Event.Type, stored.Event.Data.Span, stored.Event.At, stored.Event.Actor, stored.Event.Reason);

    public static EventData[] ToData(IReadOnlyList<AccountEvent> events)
    {
        var data = new EventData[events.Count];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = ToData(events[i]);
        }

        return data;
    }
}
