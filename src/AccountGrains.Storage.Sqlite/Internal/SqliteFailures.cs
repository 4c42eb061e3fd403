using Microsoft.Data.Sqlite;

namespace AccountGrains.Storage.Sqlite.Internal;

/// <summary>Which SQLite errors mean "the store cannot be used right now" (retryable) rather than a bug.</summary>
internal static class SqliteFailures
{
    private const int Busy = 5;
    private const int Locked = 6;
    private const int IoError = 10;
    private const int Full = 13;
    private const int CantOpen = 14;

    public static bool IsUnavailable(SqliteException exception) =>
        exception.SqliteErrorCode is Busy or Locked or IoError or Full or CantOpen;
}
