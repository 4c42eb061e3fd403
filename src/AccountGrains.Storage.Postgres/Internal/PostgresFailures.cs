using System.Net.Sockets;
using Npgsql;

namespace AccountGrains.Storage.Postgres.Internal;

/// <summary>Which provider errors mean "the store cannot be reached right now" (retryable) rather than a bug.</summary>
internal static class PostgresFailures
{
    public static bool IsUnavailable(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        // The caller's own cancellation is not an outage.
        OperationCanceledException when cancellationToken.IsCancellationRequested => false,
        PostgresException pg => pg.IsTransient || IsConnectionState(pg.SqlState),
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is SocketException or IOException or TimeoutException,
        SocketException or TimeoutException or IOException => true,
        _ => false,
    };

    /// <summary>08: connection exception; 57P: operator intervention (shutdown); 53: insufficient resources.</summary>
    private static bool IsConnectionState(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal)
        || sqlState.StartsWith("57P", StringComparison.Ordinal)
        || sqlState.StartsWith("53", StringComparison.Ordinal);
}
