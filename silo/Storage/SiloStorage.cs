using AccountGrains.Storage;
using AccountGrains.Storage.Postgres;
using AccountGrains.Storage.Reports;
using AccountGrains.Storage.Sqlite;

namespace AccountGrains.Silo.Storage;

/// <summary>Chooses the store: PostgreSQL when a connection string is configured, else the embedded SQLite file.</summary>
internal static class SiloStorage
{
    public const string ConnectionStringName = "AccountGrains";
    public const string DefaultSqlitePath = "data/accountgrains.db";

    public static StoreChoice AddAccountStore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        StoreChoice choice;
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            var options = new PostgresStoreOptions
            {
                ConnectionString = connectionString,
                Schema = configuration["AccountGrains:Storage:Schema"] ?? "accountgrains",
            };
            options.Validate();
            services.AddSingleton(options);
            services.AddSingleton(_ => new PostgresStore(options));
            Alias<PostgresStore>(services);
            services.AddSingleton(sp => sp.GetRequiredService<PostgresStore>().LogSignal);
            services.AddSingleton(sp => sp.GetRequiredService<PostgresStore>().CommitFeed);
            choice = new StoreChoice(connectionString, new StoreDescription("postgresql", $"schema {options.Schema}"));
        }
        else
        {
            var path = configuration["AccountGrains:Storage:SqlitePath"] ?? DefaultSqlitePath;
            // A relative path is taken from the content root: silo/ under `dotnet run --project silo`, the working folder for the published binary.
            var options = new SqliteStoreOptions { Path = Path.GetFullPath(path, contentRoot) };
            services.AddSingleton(options);
            services.AddSingleton(_ => new SqliteStore(options));
            Alias<SqliteStore>(services);
            services.AddSingleton(sp => sp.GetRequiredService<SqliteStore>().LogSignal);
            choice = new StoreChoice(null, new StoreDescription("sqlite", options.Path));
        }

        services.AddSingleton(choice.Description);

        // Registered before Orleans' silo, so the schema (Orleans' cluster tables with it) exists before the silo joins.
        services.AddHostedService<StoreMigrationService>();
        return choice;
    }

    private static void Alias<TStore>(IServiceCollection services)
        where TStore : class, IEventStore, IStoreSchema, IReportStore
    {
        services.AddSingleton<IReportStore>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<IEventStore>(sp => sp.GetRequiredService<TStore>());
        services.AddSingleton<IStoreSchema>(sp => sp.GetRequiredService<TStore>());
    }
}

/// <summary>The store the silo runs on: a PostgreSQL connection string (a cluster) or none (one silo on SQLite).</summary>
internal sealed record StoreChoice(string? PostgresConnectionString, StoreDescription Description);

/// <summary>Which store the silo runs on, for its start-up log line (never the connection string).</summary>
internal sealed record StoreDescription(string Kind, string Where);

/// <summary>Applies the store's versioned schema before anything else starts.</summary>
internal sealed class StoreMigrationService(IStoreSchema schema) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => schema.MigrateAsync(cancellationToken).AsTask();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
