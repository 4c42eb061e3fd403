using Microsoft.Extensions.Logging;

namespace AccountGrains.Grains;

/// <summary>The account grain's log messages; event ids are stable (3000–3099).</summary>
internal static partial class AccountGrainLog
{
    [LoggerMessage(3001, LogLevel.Information, "Account {AccountId}: the store refused a write at version {ExpectedVersion} (it holds {StoreVersion}); reloading")]
    public static partial void StaleWrite(ILogger logger, string accountId, long expectedVersion, long storeVersion);

    [LoggerMessage(3002, LogLevel.Warning, "Account {AccountId}: saving the snapshot at version {Version} failed; the next activation replays more events")]
    public static partial void SnapshotFailed(ILogger logger, string accountId, long version, Exception exception);

    [LoggerMessage(3003, LogLevel.Warning, "Account {AccountId}: loading from the store failed at activation; every call retries the load until it succeeds")]
    public static partial void LoadFailed(ILogger logger, string accountId, Exception exception);

    [LoggerMessage(3004, LogLevel.Warning, "Account {AccountId}: writing the due expiry failed; retrying in {RetryDelay}")]
    public static partial void ExpiryFailed(ILogger logger, string accountId, TimeSpan retryDelay, Exception exception);

    [LoggerMessage(3005, LogLevel.Warning, "Account {AccountId}: moving or removing the deadline reminder after a write failed; its next tick realigns it")]
    public static partial void ReminderAlignFailed(ILogger logger, string accountId, Exception exception);
}
