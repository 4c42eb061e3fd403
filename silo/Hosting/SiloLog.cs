namespace AccountGrains.Silo.Hosting;

/// <summary>The silo's own log messages; event ids are stable (1000–1099).</summary>
internal static partial class SiloLog
{
    [LoggerMessage(1001, LogLevel.Information, "AccountGrains silo listening on {Addresses}; store: {StoreKind} ({StoreWhere})")]
    public static partial void Started(ILogger logger, string addresses, string storeKind, string storeWhere);

    [LoggerMessage(1002, LogLevel.Warning, "No API keys (AccountGrains:Auth:Keys) nor JWT (AccountGrains:Auth:Jwt) are configured: the gateway is OPEN to every local caller, acting as admin. Listening is restricted to loopback.")]
    public static partial void OpenGateway(ILogger logger);

    [LoggerMessage(1003, LogLevel.Information, "--migrate-only: the schema of the {StoreKind} store ({StoreWhere}) is current; exiting")]
    public static partial void Migrated(ILogger logger, string storeKind, string storeWhere);

    [LoggerMessage(1004, LogLevel.Error, "--migrate-only: the schema of the {StoreKind} store ({StoreWhere}) could not be applied")]
    public static partial void MigrationFailed(ILogger logger, string storeKind, string storeWhere, Exception exception);
}
