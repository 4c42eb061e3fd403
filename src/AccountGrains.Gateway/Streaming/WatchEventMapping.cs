using System.Text;
using AccountGrains.Domain;
using AccountGrains.Storage;
using Google.Protobuf.WellKnownTypes;
using V1 = AccountGrains.Contracts.V1;

namespace AccountGrains.Gateway;

/// <summary>A stored event as <c>WatchEvents</c> sends it: the public rendering, the actor split up, its Shared Signals types.</summary>
internal static class WatchEventMapping
{
    private static readonly string[] RoleNames = ["", "platform", "recovery", "agent", "vendor", "admin", "system"];

    public static V1.AccountEvent ToProto(StoredEvent stored)
    {
        var data = stored.Event;
        var message = new V1.AccountEvent
        {
            Position = stored.Position,
            AccountId = stored.AccountId,
            Seq = stored.Seq,
            Type = data.Type,
            Time = Timestamp.FromDateTimeOffset(data.At),
            Reason = data.Reason ?? "",
            Actor = new V1.EventActor { Display = data.Actor, Name = data.Actor },
        };

        Domain.AccountEvent evt;
        try
        {
            evt = AccountEventSerializer.Deserialize(data.Type, data.Data.Span, data.At, data.Actor, data.Reason);
        }
        catch (Exception e) when (e is NotSupportedException or System.Text.Json.JsonException)
        {
            // A type a newer silo wrote: the envelope still tells what, when and who; the details wait for this silo's upgrade.
            return message;
        }

        message.DataJson = Encoding.UTF8.GetString(AccountEventSerializer.RenderPublic(evt));
        message.SecurityEventTypes.AddRange(SharedSignals.TypesFor(evt));
        if (evt.ActorRole is { } role && (int)role < RoleNames.Length)
        {
            message.Actor.Role = RoleNames[(int)role];
        }

        if (evt.OnBehalfOf is { } agent)
        {
            message.Actor.OnBehalfOf = agent;
            var suffix = "/" + agent;
            if (data.Actor.EndsWith(suffix, StringComparison.Ordinal))
            {
                message.Actor.Name = data.Actor[..^suffix.Length];
            }
        }

        return message;
    }
}
