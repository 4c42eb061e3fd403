using System.Text.Json;
using System.Text.Json.Serialization;

namespace AccountGrains.Storage.Reports;

/// <summary>A sampled action awaiting a verdict (<see cref="ReportQueues.Audits"/>).</summary>
/// <param name="Seq">The action's seq in its account's history.</param>
/// <param name="EventType">The event it wrote.</param>
/// <param name="Actor">Its actor as history wrote it.</param>
/// <param name="Role">agent or vendor.</param>
/// <param name="At">When.</param>
/// <param name="Reason">Its reason, if any.</param>
public sealed record AuditQueueEntry(long Seq, string EventType, string Actor, string Role, DateTimeOffset At, string? Reason);

/// <summary>An open dual-control request (<see cref="ReportQueues.Requests"/>).</summary>
/// <param name="RequestId">The request.</param>
/// <param name="Action">UNLOCK or REVOKE_VERIFICATION.</param>
/// <param name="RequestedBy">As history writes actors.</param>
/// <param name="RequestedAt">When.</param>
/// <param name="ExpiresAt">When it lapses.</param>
/// <param name="Reason">The unlock's note or the revocation's reason.</param>
/// <param name="LockIds">For an unlock: the locks it would lift.</param>
public sealed record RequestQueueEntry(string RequestId, string Action, string RequestedBy, DateTimeOffset RequestedAt, DateTimeOffset ExpiresAt, string? Reason, IReadOnlyList<string> LockIds);

/// <summary>An appeal awaiting a decision (<see cref="ReportQueues.Appeals"/>).</summary>
/// <param name="AppealId">The appeal.</param>
/// <param name="LockId">The contested lock.</param>
/// <param name="FiledBy">The platform service that filed it.</param>
/// <param name="FiledAt">When.</param>
/// <param name="Statement">The owner's statement.</param>
public sealed record AppealQueueEntry(string AppealId, string LockId, string FiledBy, DateTimeOffset FiledAt, string Statement);

/// <summary>The queue entries to and from <see cref="QueueItem.Payload"/> (JSON, camelCase).</summary>
public static class QueuePayloads
{
    /// <summary>The entry as a payload.</summary>
    public static string Write(AuditQueueEntry entry) => JsonSerializer.Serialize(entry, QueuePayloadJson.Default.AuditQueueEntry);

    /// <summary>The entry as a payload.</summary>
    public static string Write(RequestQueueEntry entry) => JsonSerializer.Serialize(entry, QueuePayloadJson.Default.RequestQueueEntry);

    /// <summary>The entry as a payload.</summary>
    public static string Write(AppealQueueEntry entry) => JsonSerializer.Serialize(entry, QueuePayloadJson.Default.AppealQueueEntry);

    /// <summary>An audit queue payload.</summary>
    public static AuditQueueEntry ReadAudit(string payload) =>
        JsonSerializer.Deserialize(payload, QueuePayloadJson.Default.AuditQueueEntry) ?? throw new JsonException("Null queue entry.");

    /// <summary>A request queue payload.</summary>
    public static RequestQueueEntry ReadRequest(string payload) =>
        JsonSerializer.Deserialize(payload, QueuePayloadJson.Default.RequestQueueEntry) ?? throw new JsonException("Null queue entry.");

    /// <summary>An appeal queue payload.</summary>
    public static AppealQueueEntry ReadAppeal(string payload) =>
        JsonSerializer.Deserialize(payload, QueuePayloadJson.Default.AppealQueueEntry) ?? throw new JsonException("Null queue entry.");
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AuditQueueEntry))]
[JsonSerializable(typeof(RequestQueueEntry))]
[JsonSerializable(typeof(AppealQueueEntry))]
internal sealed partial class QueuePayloadJson : JsonSerializerContext;
