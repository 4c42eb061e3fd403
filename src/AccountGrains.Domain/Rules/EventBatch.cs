using System.Text.Json;

namespace AccountGrains.Domain;

/// <summary>The events one decision emits, each stamped with the envelope (time, actor, reason) and the command's idempotency key.</summary>
internal sealed class EventBatch(AccountState state, DateTimeOffset now, Actor actor, string? idempotencyKey)
{
    private List<AccountEvent>? _events;

    public IReadOnlyList<AccountEvent> Events => (IReadOnlyList<AccountEvent>?)_events ?? [];

    /// <summary>The seq the next added event will take.</summary>
    public long NextSeq => state.Version + Events.Count + 1;

    /// <summary>The account's version once the batch is appended.</summary>
    public long Version => state.Version + Events.Count;

    public void Add(AccountEvent evt, string? reason, Actor? actorOverride = null)
    {
        var by = actorOverride ?? actor;
        (_events ??= []).Add(evt with { At = now, Actor = by.Display, ActorRole = by.Role, OnBehalfOf = by.OnBehalfOf, Reason = reason, IdempotencyKey = idempotencyKey });
    }
}

/// <summary>How enum values read in history and messages: <c>BRUTE_FORCE</c>, as in DOMAIN.md.</summary>
internal static class Names
{
    public static string Of<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.SnakeCaseUpper.ConvertName(value.ToString());
}
