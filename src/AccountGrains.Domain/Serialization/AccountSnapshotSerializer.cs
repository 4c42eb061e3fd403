using System.Text.Json;

namespace AccountGrains.Domain;

/// <summary>An account's state to and from UTF-8 JSON (version included). An optimisation: the events stay the truth.</summary>
public static class AccountSnapshotSerializer
{
    /// <summary>The snapshot format written now; a snapshot of another format is refused (replay from events instead).</summary>
    public const int Format = 1;

    /// <summary>The state as a snapshot.</summary>
    public static byte[] Serialize(AccountState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var doc = new SnapshotDocument(
            Format,
            state.Version,
            state.StoredRisk,
            state.RiskDecaysAt,
            state.CredentialCompromised,
            state.CredentialResetRequired,
            state.HighProfile,
            state.Badge,
            state.SessionsValidAfter,
            state.SmsRefusedUntil,
            state.OpenAttempt,
            state.BruteForceTrips,
            state.LastTripEndsAt,
            NullIfEmpty(state.Locks),
            NullIfEmpty(state.Devices),
            NullIfEmpty(state.Failures),
            NullIfEmpty(state.RecoveryStarts),
            state.Remembered.Count == 0 ? null : [.. state.Remembered.Select(ToDocument)],
            NullIfEmpty(state.PendingRequests),
            NullIfEmpty(state.OpenAppeals),
            NullIfEmpty(state.AutomaticLocks),
            state.AuditedSeqs.Count == 0 ? null : [.. state.AuditedSeqs]);
        return JsonSerializer.SerializeToUtf8Bytes(doc, DomainJsonContext.Default.SnapshotDocument);
    }

    /// <summary>The state a snapshot holds.</summary>
    /// <exception cref="NotSupportedException">The snapshot is of another format.</exception>
    /// <exception cref="JsonException">The bytes are not a snapshot.</exception>
    public static AccountState Deserialize(ReadOnlySpan<byte> snapshot)
    {
        var doc = JsonSerializer.Deserialize(snapshot, DomainJsonContext.Default.SnapshotDocument)
            ?? throw new JsonException("The snapshot is null.");
        if (doc.Format != Format)
        {
            throw new NotSupportedException($"Snapshot format {doc.Format} is not {Format}.");
        }

        return AccountState.Restore(new SnapshotParts(
            doc.Version,
            doc.StoredRisk,
            doc.RiskDecaysAt,
            doc.CredentialCompromised,
            doc.CredentialResetRequired,
            doc.HighProfile,
            doc.Badge ?? VerificationBadge.Unverified,
            doc.SessionsValidAfter,
            doc.SmsRefusedUntil,
            doc.OpenAttempt,
            doc.BruteForceTrips,
            doc.LastTripEndsAt,
            doc.Locks ?? [],
            doc.Devices ?? [],
            doc.Failures ?? [],
            doc.RecoveryStarts ?? [],
            doc.Remembered is null ? [] : [.. doc.Remembered.Select(FromDocument)],
            doc.PendingRequests,
            doc.OpenAppeals,
            doc.AutomaticLocks,
            doc.AuditedSeqs));
    }

    private static T[]? NullIfEmpty<T>(IReadOnlyList<T> items) => items.Count == 0 ? null : [.. items];

    private static RememberedDocument ToDocument(RememberedCommand r) =>
        new(r.Key, r.At, r.LastSeq, [.. r.Events.Select(e => new EventDocument(EventTypeNames.Of(e), e.At, e.Actor, e.Reason, AccountEventSerializer.SerializePayload(e)))]);

    private static RememberedCommand FromDocument(RememberedDocument d) =>
        new(d.Key, d.At, d.LastSeq, [.. d.Events.Select(e => AccountEventSerializer.Deserialize(e.Type, e.Data, e.At, e.Actor, e.Reason))]);
}

/// <summary>The snapshot's JSON shape. Add fields at the end; bump <see cref="AccountSnapshotSerializer.Format"/> on an incompatible change.</summary>
internal sealed record SnapshotDocument(
    int Format,
    long Version,
    RiskLevel StoredRisk,
    DateTimeOffset? RiskDecaysAt,
    bool CredentialCompromised,
    bool CredentialResetRequired,
    bool HighProfile,
    VerificationBadge? Badge,
    DateTimeOffset? SessionsValidAfter,
    DateTimeOffset? SmsRefusedUntil,
    RecoveryAttempt? OpenAttempt,
    int BruteForceTrips,
    DateTimeOffset? LastTripEndsAt,
    AccountLock[]? Locks,
    string[]? Devices,
    DateTimeOffset[]? Failures,
    DateTimeOffset[]? RecoveryStarts,
    RememberedDocument[]? Remembered,
    PendingRequest[]? PendingRequests = null,
    OpenAppeal[]? OpenAppeals = null,
    AutomaticLock[]? AutomaticLocks = null,
    long[]? AuditedSeqs = null);

internal sealed record RememberedDocument(string Key, DateTimeOffset At, long LastSeq, EventDocument[] Events);

internal sealed record EventDocument(string Type, DateTimeOffset At, string Actor, string? Reason, byte[] Data);
