using Microsoft.Extensions.Logging;

namespace AccountGrains.Grains;

/// <summary>The account grain's log messages; event ids are stable (3000–3099).</summary>
internal static partial class AccountGrainLog
{
    [LoggerMessage(3001, LogLevel.Information, "Account {AccountId}: the store refused a write at version {ExpectedVersion} (it holds {StoreVersion}); reloading")]
    public static partial void StaleWrite(ILogger logger, string accountId, long expectedVersion, long storeVersion);

    [LoggerMessage(3002, LogLevel.Warning, "Account {AccountId}: saving the snapshot at version {Version} failed; the next activation replays more events")]
    public static partial void SnapshotFailed(ILogger logger, string accountId, long version, Exception exception);
}
