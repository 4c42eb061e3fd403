using System.Text.Json.Serialization;

namespace AccountGrains.Domain;

/// <summary>
/// One fact in an account's history. The envelope (<see cref="At"/>, <see cref="Actor"/>,
/// <see cref="Reason"/>) is stored beside the payload, not in it; the payload is the derived
/// record's own properties. Type names are stable (<see cref="EventTypeNames"/>) and never renamed.
/// </summary>
/// <remarks>
/// Events carry what was decided (resulting risk, expiry instants, evicted device…), never a
/// recomputation from options, so replaying old events gives the same state after a rule change.
/// </remarks>
public abstract record AccountEvent
{
    /// <summary>Envelope: when it happened (the deciding silo's clock).</summary>
    [JsonIgnore]
    public DateTimeOffset At { get; init; }

    /// <summary>Envelope: who caused it, as <see cref="Domain.Actor.Display"/> (<c>system</c> for timers and automatic rules).</summary>
    [JsonIgnore]
    public string Actor { get; init; } = "";

    /// <summary>Envelope: a short human reason or note, when there is one.</summary>
    [JsonIgnore]
    public string? Reason { get; init; }

    /// <summary>
    /// The role of <see cref="Actor"/> when the event was written, for readers of the log that must tell agents,
    /// vendors and the system apart. Stored in the payload like <see cref="IdempotencyKey"/>; <see langword="null"/>
    /// on events written before it was recorded. Left out of the public rendering (the event stream carries it apart).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ActorRole? ActorRole { get; init; }

    /// <summary>The agent <see cref="Actor"/> acted for, if any; stored and rendered like <see cref="ActorRole"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OnBehalfOf { get; init; }

    /// <summary>
    /// The idempotency key of the command that wrote this event, on every event of that command.
    /// Stored in the payload (the envelope has no slot for it) so the fold can remember recent keys;
    /// left out of the public rendering.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? IdempotencyKey { get; init; }
}

/// <summary>How a lock was lifted before its time.</summary>
public enum LiftCause
{
    /// <summary>An <c>Unlock</c> by an agent or admin.</summary>
    Manual = 1,

    /// <summary>A successful recovery.</summary>
    Recovery = 2,

    /// <summary>An appeal against the lock was overturned.</summary>
    Appeal = 3,
}
