namespace AccountGrains.Silo.Hosting;

/// <summary>The silo's own log messages; event ids are stable (1000–1099).</summary>
internal static partial class SiloLog
{
    [LoggerMessage(1001, LogLevel.Information, "AccountGrains silo listening on {Addresses}; store: {StoreKind} ({StoreWhere})")]
    public static partial void Started(ILogger logger, string addresses, string storeKind, string storeWhere);
}
