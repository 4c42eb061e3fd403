using AccountGrains.Fencing.Tests.Infrastructure;
using AccountGrains.Storage.Postgres;
using AccountGrains.Testing;

namespace AccountGrains.Fencing.Tests.Schema;

public sealed class MigrationTests(SharedDatabaseFixture db) : IClassFixture<SharedDatabaseFixture>
{
    /// <summary>Every stored query the two Orleans 10.4.2 ADO.NET providers require.</summary>
    private static readonly string[] RequiredQueryKeys =
    [
        "CleanupDefunctSiloEntriesKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey", "InsertMembershipKey",
        "InsertMembershipVersionKey", "MembershipReadAllKey", "MembershipReadRowKey", "UpdateIAmAlivetimeKey", "UpdateMembershipKey",
        "DeleteReminderRowKey", "DeleteReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "ReadReminderRowKey",
        "ReadReminderRowsKey", "UpsertReminderRowKey",
    ];

    [Fact]
    public async Task Migrate_FromManyConnectionsAtOnce_AppliesEachScriptOnce()
    {
        var schema = db.NewSchema("migrate");
        var stores = Enumerable.Range(0, 8).Select(_ => new PostgresStore(new PostgresStoreOptions { ConnectionString = db.ConnectionString, Schema = schema })).ToList();
        try
        {
            await Task.WhenAll(stores.Select(s => s.MigrateAsync().AsTask()));
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }

        Assert.Equal(0L, await Sql.ScalarAsync<long>(db.ConnectionString, $"SELECT count(*) - count(DISTINCT version) FROM {schema}.schema_versions"));
        Assert.Equal(1L, await Sql.ScalarAsync<long>(db.ConnectionString, $"SELECT count(*) FROM {schema}.schema_versions WHERE version = 2"));
        Assert.Equal(RequiredQueryKeys.Order(StringComparer.Ordinal), await QueryKeysAsync(schema));
    }

    [Fact]
    public async Task OrleansScript_AppliedTwice_LeavesOneCompleteSetOfQueries()
    {
        var schema = db.NewSchema("twice");
        var script = (await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "src", "AccountGrains.Storage.Postgres", "Schema", "002_orleans_cluster.sql")))
            .Replace("__schema__", schema, StringComparison.Ordinal);
        await Sql.ExecuteAsync(db.ConnectionString, $"CREATE SCHEMA {schema}");

        await Sql.ExecuteAsync(db.ConnectionString, script);
        await Sql.ExecuteAsync(db.ConnectionString, script);

        Assert.Equal(RequiredQueryKeys.Order(StringComparer.Ordinal), await QueryKeysAsync(schema));
    }

    private async Task<string[]> QueryKeysAsync(string schema)
    {
        var keys = await Sql.ScalarAsync<string[]>(db.ConnectionString, $"SELECT array_agg(querykey ORDER BY querykey COLLATE \"C\") FROM {schema}.orleansquery");
        return keys;
    }
}
