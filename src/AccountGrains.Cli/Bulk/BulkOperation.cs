using System.Text.RegularExpressions;

namespace AccountGrains.Cli.Bulk;

/// <summary>How one account of a bulk run ended: done by this run, or found already done (nothing written now).</summary>
internal readonly record struct ItemOutcome(bool DoneNow, string? Detail = null)
{
    public static readonly ItemOutcome Done = new(true);

    public static ItemOutcome Already(string detail) => new(false, detail);
}

/// <summary>
/// One bulk action (lock, unlock, badge revoke): its name, the word for "done", and the call for one account with its
/// idempotency key. <paramref name="Call"/> returns whether this call wrote, judged from the reply or the account's
/// history against <c>runStart</c> (decision 0012).
/// </summary>
internal sealed record BulkOperation(string Name, string DoneWord, Func<BulkItem, string, DateTimeOffset, Task<ItemOutcome>> Call);

/// <summary>
/// The idempotency key of one account in one run: <c>acctctl:&lt;operation&gt;:&lt;run name&gt;:&lt;account&gt;</c>. The
/// same run name re-run sends the same keys, so the service returns the first result and writes nothing again; the
/// operation is in the key because the service refuses a key reused for another operation (decision 0012).
/// </summary>
internal static partial class IdempotencyKeys
{
    public const int MaxRunNameLength = 128;

    public static string For(string operation, string runName, string accountId) => $"acctctl:{operation}:{runName}:{accountId}";

    public static string CheckRunName(string? runName) =>
        runName is not null && RunName().IsMatch(runName)
            ? runName
            : throw new CliUsageException($"--run-name '{runName}' must be 1-{MaxRunNameLength} characters of A-Z a-z 0-9 _ . @ - (it names the run so a re-run repeats nothing)");

    [GeneratedRegex(@"^[A-Za-z0-9_.@\-]{1,128}$")]
    private static partial Regex RunName();
}
