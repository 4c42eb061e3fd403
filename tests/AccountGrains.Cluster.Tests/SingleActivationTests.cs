using AccountGrains.Cluster.Tests.Support;
using AccountGrains.Runtime;

namespace AccountGrains.Cluster.Tests;

public sealed class SingleActivationTests
{
    [Fact]
    public async Task ConcurrentActivations_OnThreeSilos_OneWinsPerAccount_TheOthersAreToldTheOwner()
    {
        var db = await TestDatabase.CreateAsync();
        await using var a = await ClusterSilo.StartAsync(db.ConnectionString, "silo-a");
        await using var b = await ClusterSilo.StartAsync(db.ConnectionString, "silo-b");
        await using var c = await ClusterSilo.StartAsync(db.ConnectionString, "silo-c");
        ClusterSilo[] silos = [a, b, c];
        var winners = new HashSet<string>();

        for (var round = 0; round < 5; round++)
        {
            var accounts = Enumerable.Range(0, 20).Select(i => $"acct-{i}").ToArray();
            var attempts = await Task.WhenAll(accounts.SelectMany(account => silos.Select(silo => Task.Run(() => Attempt.VerifyAsync(silo, account)))));

            foreach (var (account, perAccount) in accounts.Zip(attempts.Chunk(silos.Length)))
            {
                var winner = Assert.Single(perAccount, x => x.Served);
                winners.Add(winner.SiloId);
                var owner = silos.Single(s => s.SiloId == winner.SiloId);
                foreach (var loser in perAccount.Where(x => !x.Served))
                {
                    Assert.NotNull(loser.NotOwned);
                    Assert.Equal(winner.SiloId, loser.NotOwned.OwnerSiloId);
                    Assert.Equal(owner.Address, loser.NotOwned.OwnerAddress);
                }

                Assert.Equal(winner.SiloId, await db.DirectoryOwnerAsync($"account/{account}"));
            }

            // Deactivating releases the rows, so the next round contests every account again.
            await Task.WhenAll(silos.Select(s => s.Runtime.DeactivateAllAsync(DeactivationReason.ApplicationRequested, CancellationToken.None)));
            foreach (var account in accounts)
            {
                Assert.Null(await db.DirectoryOwnerAsync($"account/{account}"));
            }
        }

        Assert.True(winners.Count > 1, "every silo lost every race; the contest was not concurrent");
    }

    [Fact]
    public async Task WarmCall_OnTheOwner_IsServedAgainWithoutAnotherClaim()
    {
        var db = await TestDatabase.CreateAsync();
        await using var a = await ClusterSilo.StartAsync(db.ConnectionString, "silo-a");
        Assert.True((await Attempt.VerifyAsync(a, "warm")).Served);

        // Another holder in the row would make a second claim fail; a warm call must not look.
        await db.ExecuteAsync("UPDATE accountgrains.grain_directory SET silo_id = 'someone-else' WHERE grain_id = 'account/warm'");

        Assert.True((await Attempt.VerifyAsync(a, "warm")).Served);
        Assert.Equal(1, a.Runtime.ActivationCount);
    }
}
