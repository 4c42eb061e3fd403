namespace AccountGrains.Abstractions;

/// <summary>One event of an account's history, as readers may see it (no code, hash or salt).</summary>
/// <param name="Seq">Its number in the account's stream.</param>
/// <param name="Type">The event's stable type name.</param>
/// <param name="At">When it happened.</param>
/// <param name="Actor">Who caused it.</param>
/// <param name="Reason">The reason given, if any.</param>
/// <param name="DataJson">Its public data, as JSON.</param>
[GenerateSerializer, Immutable]
public sealed record HistoryEntry(
    [property: Id(0)] long Seq,
    [property: Id(1)] string Type,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string Actor,
    [property: Id(4)] string? Reason,
    [property: Id(5)] string DataJson);

/// <summary>A page of history.</summary>
/// <param name="Events">The events, oldest first.</param>
/// <param name="NextAfterSeq">The seq to read after for the next page.</param>
/// <param name="HasMore">True when more events follow.</param>
[GenerateSerializer, Immutable]
public sealed record HistoryPage(
    [property: Id(0)] IReadOnlyList<HistoryEntry> Events,
    [property: Id(1)] long NextAfterSeq,
    [property: Id(2)] bool HasMore);
