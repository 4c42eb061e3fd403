using AccountGrains.Fencing.Fencing;
using AccountGrains.Fencing.Tests.Infrastructure;
using AccountGrains.Storage.Postgres;

namespace AccountGrains.Fencing.Tests.Fencing;

/// <summary>The lease rules, decided by the database clock: renewals are conditional and an expired lease stays expired.</summary>
public sealed class LeaseStoreTests(SharedDatabaseFixture db) : IClassFixture<SharedDatabaseFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Renew_WhileLive_SucceedsAndListsTheOtherLiveLeases()
    {
        var (store, schema) = await StoreAsync(TimeSpan.FromSeconds(30));
        await using var _ = store;
        var a = Key(schema, 1);
        var b = Key(schema, 2);
        Assert.True(await store.AcquireAsync(a, "a", default));
        Assert.True(await store.AcquireAsync(b, "b", default));

        var renewal = await store.RenewAsync(a, default);

        Assert.True(renewal.Renewed);
        var peer = Assert.Single(renewal.Peers);
        Assert.Equal((b.Address, b.Port, b.Generation), (peer.Address, peer.Port, peer.Generation));
        Assert.Null(peer.MembershipStatus);
        Assert.InRange(peer.Remaining, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Renew_AfterTheLeaseExpiredByTheDatabaseClock_IsRefusedForGood()
    {
        var (store, schema) = await StoreAsync(TimeSpan.FromMilliseconds(300));
        await using var _ = store;
        var key = Key(schema, 1);
        Assert.True(await store.AcquireAsync(key, "a", default));

        await Eventually.TrueAsync(
            () => Sql.ScalarAsync<bool>(db.ConnectionString, $"SELECT now() > expires_at FROM {schema}.silo_leases"),
            Timeout,
            "the lease expires by the database clock");

        Assert.False((await store.RenewAsync(key, default)).Renewed);
        Assert.False((await store.RenewAsync(key, default)).Renewed);
        Assert.False(await store.AcquireAsync(key, "a", default));
    }

    [Fact]
    public async Task Renew_AfterRelease_IsRefusedAndOthersNoLongerSeeTheLease()
    {
        var (store, schema) = await StoreAsync(TimeSpan.FromSeconds(30));
        await using var _ = store;
        var a = Key(schema, 1);
        var b = Key(schema, 2);
        Assert.True(await store.AcquireAsync(a, "a", default));
        Assert.True(await store.AcquireAsync(b, "b", default));

        Assert.True(await store.ReleaseAsync(a, default));

        Assert.False((await store.RenewAsync(a, default)).Renewed);
        Assert.Empty((await store.RenewAsync(b, default)).Peers);
    }

    [Fact]
    public async Task Renew_WhenTheMembershipTableDeclaresTheSiloDead_IsRefused()
    {
        var (store, schema) = await StoreAsync(TimeSpan.FromSeconds(30));
        await using var _ = store;
        var a = Key(schema, 1);
        var b = Key(schema, 2);
        Assert.True(await store.AcquireAsync(a, "a", default));
        Assert.True(await store.AcquireAsync(b, "b", default));

        await Sql.ExecuteAsync(db.ConnectionString, $"""
            INSERT INTO {schema}.orleansmembershipversiontable (deploymentid) VALUES ('{a.ClusterId}');
            INSERT INTO {schema}.orleansmembershiptable (deploymentid, address, port, generation, siloname, hostname, status, proxyport, starttime, iamalivetime)
            VALUES ('{a.ClusterId}', '{a.Address}', {a.Port}, {a.Generation}, 'a', 'a', 6, 0, now(), now());
            """);

        Assert.False((await store.RenewAsync(a, default)).Renewed);
        var peer = Assert.Single((await store.RenewAsync(b, default)).Peers);
        Assert.Equal(6, peer.MembershipStatus);
    }

    private static LeaseKey Key(string cluster, int generation) => new(cluster, "127.0.0.1", 11111, generation);

    private async Task<(LeaseStore Store, string Schema)> StoreAsync(TimeSpan lease)
    {
        var schema = db.NewSchema("lease");
        await using (var migrator = new PostgresStore(new PostgresStoreOptions { ConnectionString = db.ConnectionString, Schema = schema }))
        {
            await migrator.MigrateAsync();
        }

        var options = new ClusterFencingOptions
        {
            ConnectionString = db.ConnectionString,
            Schema = schema,
            LeaseDuration = lease,
            SafetyMargin = lease / 4,
        };
        return (new LeaseStore(options), schema);
    }
}
