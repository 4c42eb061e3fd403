using System.Text.RegularExpressions;
using Npgsql;

namespace AccountGrains.Storage.Postgres;

/// <summary>Where and how <see cref="PostgresStore"/> keeps its data. Checked by <see cref="Validate"/> when the store is built.</summary>
public sealed partial class PostgresStoreOptions
{
    /// <summary>The Npgsql connection string. Required. Never printed, logged or put in an exception message.</summary>
    public string ConnectionString { get; init; } = "";

    /// <summary>
    /// The PostgreSQL schema that holds the store's tables; created if missing. Default <c>accountgrains</c>.
    /// Lower-case letters, digits and underscores, starting with a letter or underscore, at most 63 characters.
    /// Tests give each test its own schema.
    /// </summary>
    public string Schema { get; init; } = "accountgrains";

    /// <summary>How long one command may run before it fails with <see cref="StoreUnavailableException"/>. Default 30 seconds; whole seconds, at least 1.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The most pooled connections one store opens. Default 50.</summary>
    public int MaxPoolSize { get; init; } = 50;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option (never its secret value).</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException("PostgresStoreOptions.ConnectionString is required.", nameof(ConnectionString));
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(ConnectionString);
        }
        catch (ArgumentException)
        {
            // The provider's message may quote the value, so it is not passed on.
            throw new ArgumentException("PostgresStoreOptions.ConnectionString is not a valid PostgreSQL connection string.", nameof(ConnectionString));
        }

        if (Schema is null || !SchemaName().IsMatch(Schema))
        {
            throw new ArgumentException("PostgresStoreOptions.Schema must be lower-case letters, digits and underscores, starting with a letter or underscore, at most 63 characters.", nameof(Schema));
        }

        if (CommandTimeout < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(CommandTimeout), "PostgresStoreOptions.CommandTimeout must be at least one second.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPoolSize, 1, nameof(MaxPoolSize));
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaName();
}
