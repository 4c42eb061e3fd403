using System.Text;
using AccountGrains.Domain;
using AccountGrains.Storage;

namespace AccountGrains.Grains;

/// <summary>One event of an account's history, as readers may see it (no code, hash or salt).</summary>
/// <param name="Seq">Its number in the account's stream.</param>
/// <param name="Type">The event's stable type name.</param>
/// <param name="At">When it happened.</param>
/// <param name="Actor">Who caused it.</param>
/// <param name="Reason">The reason given, if any.</param>
/// <param name="DataJson">The public rendering of its data, as JSON.</param>
public sealed record HistoryEntry(long Seq, string Type, DateTimeOffset At, string Actor, string? Reason, string DataJson);

/// <summary>A page of history.</summary>
/// <param name="Events">The events, oldest first.</param>
/// <param name="NextAfterSeq">The seq to read after for the next page.</param>
/// <param name="HasMore">True when more events follow.</param>
public sealed record HistoryPage(IReadOnlyList<HistoryEntry> Events, long NextAfterSeq, bool HasMore);

/// <summary>
/// Reads history straight from the store: every acknowledged event is committed, so no grain turn is
/// needed and reading history never delays an account's calls.
/// </summary>
public sealed class AccountHistoryReader(IEventStore store)
{
    /// <summary>The largest page.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>The page size when none is asked.</summary>
    public const int DefaultPageSize = 100;

    /// <summary>Reads up to <paramref name="pageSize"/> events after <paramref name="afterSeq"/> (0 or less: <see cref="DefaultPageSize"/>; capped at <see cref="MaxPageSize"/>).</summary>
    public async ValueTask<HistoryPage> ReadAsync(string accountId, long afterSeq, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterSeq);
        var size = pageSize <= 0 ? DefaultPageSize : Math.Min(pageSize, MaxPageSize);
        var stored = await store.ReadStreamAsync(accountId, afterSeq, size + 1, cancellationToken);
        var count = Math.Min(stored.Count, size);
        var entries = new HistoryEntry[count];
        for (var i = 0; i < count; i++)
        {
            var e = stored[i];
            var json = Encoding.UTF8.GetString(AccountEventSerializer.RenderPublic(e.Event.Type, e.Event.Data.Span));
            entries[i] = new HistoryEntry(e.Seq, e.Event.Type, e.Event.At, e.Event.Actor, e.Event.Reason, json);
        }

        return new HistoryPage(entries, count == 0 ? afterSeq : entries[^1].Seq, stored.Count > size);
    }
}
