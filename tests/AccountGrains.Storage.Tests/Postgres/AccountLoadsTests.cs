using AccountGrains.Storage.Postgres;
using AccountGrains.Storage.Postgres.Internal;
using static AccountGrains.Storage.Tests.Contract.Events;

namespace AccountGrains.Storage.Tests.Postgres;

/// <summary>Group reads for activations (<see cref="AccountLoads"/>): loads waiting at once share a read; a failed read fails only its own.</summary>
public sealed class AccountLoadsTests(PostgresDatabaseFixture database) : IClassFixture<PostgresDatabaseFixture>
{
    [Fact]
    public async Task Loads_WaitingWhileReadsRun_ShareTheNextRead_AndAFailedReadFailsOnlyItsOwn()
    {
        var reads = new List<(IReadOnlyList<string> Accounts, TaskCompletionSource<AccountLoad[]> Answer)>();
        var loads = new AccountLoads(requests =>
        {
            var answer = new TaskCompletionSource<AccountLoad[]>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (reads)
            {
                reads.Add(([.. requests.Select(r => r.AccountId)], answer));
            }

            return answer.Task;
        });

        // MaxInFlight loads start a read each; the rest wait for one of them to finish.
        var first = new List<Task<AccountLoad>>();
        for (var i = 0; i < AccountLoads.MaxInFlight; i++)
        {
            first.Add(loads.LoadAsync($"first-{i}", 8, CancellationToken.None));
            await UntilAsync(() => Count(reads) == i + 1);
        }

        var waiting = Enumerable.Range(0, 10).Select(i => loads.LoadAsync($"waiting-{i}", 8, CancellationToken.None)).ToList();
        Answer(reads, 0).SetException(new StoreUnavailableException("injected", new IOException()));
        await UntilAsync(() => Count(reads) == AccountLoads.MaxInFlight + 1);
        for (var i = 1; i <= AccountLoads.MaxInFlight; i++)
        {
            Answer(reads, i).SetResult([.. reads[i].Accounts.Select(_ => new AccountLoad(null, []))]);
        }

        await Assert.ThrowsAsync<StoreUnavailableException>(() => first[0]);
        await Task.WhenAll(first.Skip(1));
        await Task.WhenAll(waiting);
        Assert.Equal([.. Enumerable.Range(0, AccountLoads.MaxInFlight).Select(i => $"first-{i}")], reads.Take(AccountLoads.MaxInFlight).Select(r => Assert.Single(r.Accounts)));
        Assert.Equal([.. Enumerable.Range(0, 10).Select(i => $"waiting-{i}")], reads[AccountLoads.MaxInFlight].Accounts);
        Assert.Equal(AccountLoads.MaxInFlight + 1, loads.Reads);
    }

    [Fact]
    public async Task PostgresStore_ManyActivationsLoadingAtOnce_TakeFewerReadsThanLoads_AndOneAtATimeOneEach()
    {
        await using var store = new PostgresStore(new PostgresStoreOptions { ConnectionString = database.ConnectionString, Schema = "group_loads" });
        await store.MigrateAsync();
        var accounts = Enumerable.Range(0, 200).Select(i => $"load-{i:D3}").ToArray();
        await store.AppendBatchAsync([.. accounts.Select(a => Append(a, 0, "a", "b"))]);

        var before = store.AccountLoadReads;
        foreach (var account in accounts[..20])
        {
            Assert.Equal(2, (await store.LoadAccountAsync(account, 8)).Events.Count);
        }

        var alone = store.AccountLoadReads - before;
        before = store.AccountLoadReads;
        var together = await Task.WhenAll(accounts.Select(a => store.LoadAccountAsync(a, 8).AsTask()));
        var shared = store.AccountLoadReads - before;

        Assert.Equal(20, alone);
        Assert.All(together, load => Assert.Equal(2, load.Events.Count));
        Assert.Equal(accounts, together.Select(load => load.Events[0].AccountId));
        Assert.InRange(shared, 1, accounts.Length / 4);
    }

    private static int Count<T>(List<T> list)
    {
        lock (list)
        {
            return list.Count;
        }
    }

    private static TaskCompletionSource<AccountLoad[]> Answer(List<(IReadOnlyList<string> Accounts, TaskCompletionSource<AccountLoad[]> Answer)> reads, int i)
    {
        lock (reads)
        {
            return reads[i].Answer;
        }
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        for (var attempt = 0; attempt < 500 && !condition(); attempt++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
