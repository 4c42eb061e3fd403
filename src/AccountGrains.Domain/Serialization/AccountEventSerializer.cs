using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace AccountGrains.Domain;

/// <summary>
/// Events to and from (stable type name, UTF-8 JSON payload). The envelope (at, actor, reason) travels
/// beside the payload, as the store keeps it. Also the public rendering history readers see.
/// </summary>
public static class AccountEventSerializer
{
    /// <summary>The event's stable type name (<see cref="EventTypeNames"/>).</summary>
    public static string TypeOf(AccountEvent evt) => EventTypeNames.Of(evt);

    /// <summary>The event's payload as UTF-8 JSON (its own properties and its idempotency key; not the envelope).</summary>
    public static byte[] SerializePayload(AccountEvent evt)
    {
        ArgumentNullException.ThrowIfNull(evt);
        var context = DomainJsonContext.Default;
        return evt switch
        {
            LockPlaced e => JsonSerializer.SerializeToUtf8Bytes(e, context.LockPlaced),
            LockLifted e => JsonSerializer.SerializeToUtf8Bytes(e, context.LockLifted),
            LockExpired e => JsonSerializer.SerializeToUtf8Bytes(e, context.LockExpired),
            SignalRecorded e => JsonSerializer.SerializeToUtf8Bytes(e, context.SignalRecorded),
            RecoveryStarted e => JsonSerializer.SerializeToUtf8Bytes(e, context.RecoveryStarted),
            RecoveryCodeRejected e => JsonSerializer.SerializeToUtf8Bytes(e, context.RecoveryCodeRejected),
            RecoveryAttemptBurned e => JsonSerializer.SerializeToUtf8Bytes(e, context.RecoveryAttemptBurned),
            RecoveryAttemptExpired e => JsonSerializer.SerializeToUtf8Bytes(e, context.RecoveryAttemptExpired),
            RecoveryCompleted e => JsonSerializer.SerializeToUtf8Bytes(e, context.RecoveryCompleted),
            SessionsRevoked e => JsonSerializer.SerializeToUtf8Bytes(e, context.SessionsRevoked),
            VerificationGranted e => JsonSerializer.SerializeToUtf8Bytes(e, context.VerificationGranted),
            VerificationRevoked e => JsonSerializer.SerializeToUtf8Bytes(e, context.VerificationRevoked),
            HighProfileChanged e => JsonSerializer.SerializeToUtf8Bytes(e, context.HighProfileChanged),
            DualControlRequested e => JsonSerializer.SerializeToUtf8Bytes(e, context.DualControlRequested),
            DualControlApproved e => JsonSerializer.SerializeToUtf8Bytes(e, context.DualControlApproved),
            DualControlRejected e => JsonSerializer.SerializeToUtf8Bytes(e, context.DualControlRejected),
            DualControlLapsed e => JsonSerializer.SerializeToUtf8Bytes(e, context.DualControlLapsed),
            AppealFiled e => JsonSerializer.SerializeToUtf8Bytes(e, context.AppealFiled),
            AppealDecided e => JsonSerializer.SerializeToUtf8Bytes(e, context.AppealDecided),
            AutomaticLockLabelled e => JsonSerializer.SerializeToUtf8Bytes(e, context.AutomaticLockLabelled),
            AuditVerdictRecorded e => JsonSerializer.SerializeToUtf8Bytes(e, context.AuditVerdictRecorded),
            _ => throw new ArgumentException($"Unknown event type {evt.GetType().Name}.", nameof(evt)),
        };
    }

    /// <summary>Rebuilds an event from its stored parts.</summary>
    /// <exception cref="NotSupportedException">The type name is not one this version knows.</exception>
    /// <exception cref="JsonException">The payload is not valid for the type.</exception>
    public static AccountEvent Deserialize(string type, ReadOnlySpan<byte> payload, DateTimeOffset at, string actor, string? reason)
    {
        var context = DomainJsonContext.Default;
        AccountEvent evt = type switch
        {
            EventTypeNames.LockPlaced => Read(payload, context.LockPlaced),
            EventTypeNames.LockLifted => Read(payload, context.LockLifted),
            EventTypeNames.LockExpired => Read(payload, context.LockExpired),
            EventTypeNames.SignalRecorded => Read(payload, context.SignalRecorded),
            EventTypeNames.RecoveryStarted => Read(payload, context.RecoveryStarted),
            EventTypeNames.RecoveryCodeRejected => Read(payload, context.RecoveryCodeRejected),
            EventTypeNames.RecoveryAttemptBurned => Read(payload, context.RecoveryAttemptBurned),
            EventTypeNames.RecoveryAttemptExpired => Read(payload, context.RecoveryAttemptExpired),
            EventTypeNames.RecoveryCompleted => Read(payload, context.RecoveryCompleted),
            EventTypeNames.SessionsRevoked => Read(payload, context.SessionsRevoked),
            EventTypeNames.VerificationGranted => Read(payload, context.VerificationGranted),
            EventTypeNames.VerificationRevoked => Read(payload, context.VerificationRevoked),
            EventTypeNames.HighProfileChanged => Read(payload, context.HighProfileChanged),
            EventTypeNames.DualControlRequested => Read(payload, context.DualControlRequested),
            EventTypeNames.DualControlApproved => Read(payload, context.DualControlApproved),
            EventTypeNames.DualControlRejected => Read(payload, context.DualControlRejected),
            EventTypeNames.DualControlLapsed => Read(payload, context.DualControlLapsed),
            EventTypeNames.AppealFiled => Read(payload, context.AppealFiled),
            EventTypeNames.AppealDecided => Read(payload, context.AppealDecided),
            EventTypeNames.AutomaticLockLabelled => Read(payload, context.AutomaticLockLabelled),
            EventTypeNames.AuditVerdictRecorded => Read(payload, context.AuditVerdictRecorded),
            _ => throw new NotSupportedException($"Unknown event type '{type}'."),
        };
        return evt with { At = at, Actor = actor, Reason = reason };
    }

    /// <summary>
    /// The event's data as history readers see it (UTF-8 JSON): the payload without secrets or internals.
    /// Never contains a recovery code, its hash or its salt, nor the idempotency key (nor the actor's role and
    /// on-behalf-of, which readers get beside the data).
    /// </summary>
    public static byte[] RenderPublic(AccountEvent evt)
    {
        ArgumentNullException.ThrowIfNull(evt);
        return evt is RecoveryStarted r
            ? JsonSerializer.SerializeToUtf8Bytes(new PublicRecoveryStarted(r.AttemptId, r.Channel, r.ExpiresAt, r.ReplacedAttemptId), DomainJsonContext.Default.PublicRecoveryStarted)
            : SerializePayload(evt with { IdempotencyKey = null, ActorRole = null, OnBehalfOf = null });
    }

    /// <summary>The public rendering of a stored payload (see <see cref="RenderPublic(AccountEvent)"/>), for history readers that hold only type and payload.</summary>
    public static byte[] RenderPublic(string type, ReadOnlySpan<byte> payload) =>
        RenderPublic(Deserialize(type, payload, default, "", null));

    private static T Read<T>(ReadOnlySpan<byte> payload, JsonTypeInfo<T> info) =>
        JsonSerializer.Deserialize(payload, info) ?? throw new JsonException($"The payload of a {typeof(T).Name} is null.");
}
