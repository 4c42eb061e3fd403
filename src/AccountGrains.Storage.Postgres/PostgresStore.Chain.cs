using Npgsql;

namespace AccountGrains.Storage.Postgres;

public sealed partial class PostgresStore
{
    /// <inheritdoc />
    public ValueTask<ChainAnchor> ReadChainAnchorAsync(string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        return RunAsync(async connection =>
        {
            await using var command = new NpgsqlCommand(_sql.ReadChainAnchor, connection) { Parameters = { new NpgsqlParameter<string> { TypedValue = accountId } } };
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return new ChainAnchor(reader.GetInt64(0), reader.IsDBNull(1) ? 0 : reader.GetInt64(1));
        }, cancellationToken);
    }
}
