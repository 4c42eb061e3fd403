using AccountGrains.Storage.Sqlite.Reminders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace AccountGrains.Storage.Sqlite;

/// <summary>Registers Orleans reminders stored in the event store's SQLite file.</summary>
public static class SqliteReminderSiloBuilderExtensions
{
    /// <summary>
    /// Adds Orleans' reminder service (<c>AddReminders</c>) with its table in the SQLite file the event store
    /// uses: the <see cref="SqliteStoreOptions"/> the host has registered as a singleton. The table applies the
    /// file's versioned schema when the reminder service starts, so it does not depend on the store migrating first.
    /// For a single silo; a cluster keeps its reminders in PostgreSQL.
    /// </summary>
    /// <param name="silo">The silo being built.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="InvalidOperationException">At start, when no <see cref="SqliteStoreOptions"/> is registered.</exception>
    public static ISiloBuilder UseSqliteReminderTable(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.AddReminders();
        silo.Services.AddSingleton(sp => new SqliteReminderTable(
            sp.GetService<SqliteStoreOptions>() ?? throw new InvalidOperationException(
                "UseSqliteReminderTable keeps reminders in the event store's SQLite file: register its SqliteStoreOptions as a singleton first."),
            sp.GetRequiredService<IOptions<ClusterOptions>>(),
            sp.GetRequiredService<ILogger<SqliteReminderTable>>()));
        silo.Services.AddSingleton<IReminderTable>(sp => sp.GetRequiredService<SqliteReminderTable>());
        return silo;
    }
}
