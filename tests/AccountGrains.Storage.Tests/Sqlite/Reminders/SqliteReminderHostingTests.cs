using AccountGrains.Storage.Sqlite;
using AccountGrains.Storage.Sqlite.Reminders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Timers;

namespace AccountGrains.Storage.Tests.Sqlite.Reminders;

/// <summary>What <see cref="SqliteReminderSiloBuilderExtensions.UseSqliteReminderTable"/> registers; nothing is started.</summary>
public sealed class SqliteReminderHostingTests
{
    [Fact]
    public void UseSqliteReminderTable_WithTheStoresOptions_RegistersOrleansRemindersOnTheSqliteTable()
    {
        using var host = BuildSilo(services => services.AddSingleton(new SqliteStoreOptions { Path = Path.Combine(Path.GetTempPath(), "unused", "accountgrains.db") }));

        Assert.IsType<SqliteReminderTable>(host.Services.GetRequiredService<IReminderTable>());
        Assert.NotNull(host.Services.GetService<IReminderRegistry>());
    }

    [Fact]
    public void UseSqliteReminderTable_WithoutTheStoresOptions_SaysWhatIsMissing()
    {
        using var host = BuildSilo(_ => { });

        var error = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<IReminderTable>());

        Assert.Contains(nameof(SqliteStoreOptions), error.Message, StringComparison.Ordinal);
    }

    private static IHost BuildSilo(Action<IServiceCollection> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        configure(builder.Services);
        builder.UseOrleans(silo => silo.UseLocalhostClustering().UseSqliteReminderTable());
        return builder.Build();
    }
}
