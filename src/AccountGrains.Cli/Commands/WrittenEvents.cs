using AccountGrains.Cli.Bulk;
using AccountGrains.Client;
using AccountGrains.Contracts.V1;

namespace AccountGrains.Cli.Commands;

/// <summary>
/// Whether a write was this run's, for replies that carry no time of their own: the reply's version is the seq of
/// the last event its command wrote (the first call's, on a replay), so the history event at that seq says what was
/// written and when (decision 0012).
/// </summary>
internal static class WrittenEvents
{
    public static async Task<ItemOutcome> JudgeAsync(AccountIntegrityClient accounts, string accountId, long version, string type, DateTimeOffset runStart, string nothingDone)
    {
        if (version <= 0)
        {
            return ItemOutcome.Already(nothingDone);
        }

        var page = await accounts.GetHistoryAsync(new GetHistoryRequest { AccountId = accountId, AfterSeq = version - 1, PageSize = 1 });
        if (page.Events.FirstOrDefault() is not { } last || last.Type != type)
        {
            return ItemOutcome.Already(nothingDone);
        }

        return last.At.ToDateTimeOffset() >= runStart ? ItemOutcome.Done : ItemOutcome.Already($"{type} at {TimeText.Format(last.At)}");
    }
}
