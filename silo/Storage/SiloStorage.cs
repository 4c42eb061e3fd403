using AccountGrains.Storage;
using AccountGrains.Storage.Postgres;
using AccountGrains.Storage.Sqlite;

namespace AccountGrains.Silo.Storage;

/// <summary>Chooses the store: PostgreSQL when a connection string is configured, else the embedded SQLite file.</summary>
internal static class SiloStorage
{
    public const string ConnectionStringName = "AccountGrains";
    public const string DefaultSqlitePath = "data/accountgrains.db";

    public static IServiceCollection AddAccountStore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            var options = new PostgresStoreOptions
            {
                ConnectionString = connectionString,
                Schema = configuration["AccountGrains:Storage:Schema"] ?? "accountgrains",
            };
            options.Validate();
            services.AddSingleton(_ => new PostgresStore(options));
            services.AddSingleton(new StoreDescription("postgresql", $"schema {options.Schema}"));
            Alias<PostgresStore>(services);
        }
        else
        {
            var path = configuration["AccountGrains:Storage:SqlitePath"] ?? DefaultSqlitePath;
            // A relative path is taken from the content root: silo/ under `dotnet run --project silo`, the working folder for the published binary.
            var options = new SqliteStoreOptions { Path = Path.GetFullPath(path, contentRoot) };
            services.AddSingleton(_ => new SqliteStore(options));
            services.AddSingleton(new StoreDescription("sqlite", options.Path));
            Alias<SqliteStore>(services);
        }

        // Registered before the grain runtime's hosted service, so the schema exists before any grain loads.
        services.AddHostedService<StoreMigrationService>();
        return services;
    }

    private static void Alias<TStore>(IServiceCollection services)
        where TStore : class, IEventStore, IReminderStore, IStoreSchema
    {
        services.AddSingleton<IEventStore>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<IReminderStore>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<IStoreSchema>(sp => sp.GetRequiredService<TStore>());
    }
}

/// <summary>Which store the silo runs on, for its start-up log line (never the connection string).</summary>
internal sealed record StoreDescription(string Kind, string Where);

/// <summary>Applies the store's versioned schema before anything else starts.</summary>
internal sealed class StoreMigrationService(IStoreSchema schema) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => schema.MigrateAsync(cancellationToken).AsTask();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
