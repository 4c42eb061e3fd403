namespace AccountGrains.Storage.Sqlite;

public sealed partial class SqliteStore
{
    /// <inheritdoc />
    public ValueTask<ChainAnchor> ReadChainAnchorAsync(string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        return ReadAsync(async connection =>
        {
            await using var reader = await QueryAsync(
                connection,
                "SELECT coalesce((SELECT version FROM streams WHERE account_id = $a), 0), (SELECT hashed_after_position FROM event_chain WHERE id = 1)",
                [("$a", accountId)],
                cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return new ChainAnchor(reader.GetInt64(0), reader.IsDBNull(1) ? 0 : reader.GetInt64(1));
        }, cancellationToken);
    }
}
