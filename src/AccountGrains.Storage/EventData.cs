namespace AccountGrains.Storage;

/// <summary>
/// One event as the store keeps it. The store never interprets <see cref="Data"/>: the domain
/// serializes its events (JSON) and the store only orders and persists them.
/// </summary>
/// <param name="Type">The event's stable type name, such as <c>LockPlaced</c>.</param>
/// <param name="At">
/// When the event happened (the deciding silo's clock). Stores keep it to the microsecond (PostgreSQL's
/// precision) and give it back in UTC: the same instant, offset zero.
/// </param>
/// <param name="Actor">Who caused it: a key name, <c>key/agent</c>, or <c>system</c> for timers.</param>
/// <param name="Reason">A short human reason, when the command carried one.</param>
/// <param name="Data">The serialized payload.</param>
public sealed record EventData(string Type, DateTimeOffset At, string Actor, string? Reason, ReadOnlyMemory<byte> Data);

/// <summary>An event read back from the store, with its place in the account's stream and in the global log.</summary>
/// <param name="AccountId">The account (stream) it belongs to.</param>
/// <param name="Seq">Its number in the account's stream: 1, 2, 3… without gaps.</param>
/// <param name="Position">
/// Its place in the global log. Positions grow in commit order: a reader that has seen position
/// <c>p</c> can never later find a committed event with a position at or below <c>p</c>. Positions may have gaps.
/// </param>
/// <param name="Event">The event itself.</param>
/// <param name="Hash">
/// Its link in the account's chain (<see cref="EventChain"/>), computed by the store as it appended the event; empty
/// for an event written before hashing began.
/// </param>
public sealed record StoredEvent(string AccountId, long Seq, long Position, EventData Event, ReadOnlyMemory<byte> Hash = default);

/// <summary>A snapshot of one account's folded state at a version; an optimisation only, never the truth.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="Version">The seq of the last event folded into <see cref="Data"/>.</param>
/// <param name="Data">The serialized state.</param>
public sealed record Snapshot(string AccountId, long Version, ReadOnlyMemory<byte> Data);

/// <summary>What <see cref="IEventStore.LoadAccountAsync"/> read: the latest snapshot (or none) and the events from its last one on.</summary>
/// <param name="Snapshot">The latest snapshot, or <see langword="null"/>.</param>
/// <param name="Events">In seq order, from seq <c>Snapshot.Version</c> (the snapshot's last event, when still stored) or from 1 without a snapshot.</param>
public sealed record AccountLoad(Snapshot? Snapshot, IReadOnlyList<StoredEvent> Events);

