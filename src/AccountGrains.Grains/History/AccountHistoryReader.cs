using System.Text;
using AccountGrains.Abstractions;
using AccountGrains.Domain;
using AccountGrains.Storage;

namespace AccountGrains.Grains;

/// <summary>
/// Reads history straight from the store: every acknowledged event is committed, so the account's state
/// is not needed and reading history never waits for (or delays) the account's turn.
/// </summary>
internal sealed class AccountHistoryReader(IEventStore store)
{
    /// <summary>The largest page.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>The page size when none is asked.</summary>
    public const int DefaultPageSize = 100;

    /// <summary>Reads up to <paramref name="pageSize"/> events after <paramref name="afterSeq"/> (0 or less: <see cref="DefaultPageSize"/>; capped at <see cref="MaxPageSize"/>).</summary>
    public async Task<HistoryPage> ReadAsync(string accountId, long afterSeq, int pageSize, CancellationToken cancellationToken)
    {
        if (afterSeq < 0)
        {
            throw new AccountRefusedException(RefusalCode.InvalidArgument, "after_seq may not be negative.");
        }

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
