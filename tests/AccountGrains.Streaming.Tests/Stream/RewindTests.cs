using AccountGrains.Domain;
using AccountGrains.Storage;
using AccountGrains.Streaming.Tests.Support;

namespace AccountGrains.Streaming.Tests.Stream;

/// <summary>Subscriptions that start from a token, and partitions that carry exactly their accounts' events in commit order.</summary>
public sealed class RewindTests
{
    [Fact]
    public async Task Subscription_FromAnEarlierToken_ReceivesTheEventsAfterItInPositionOrder()
    {
        await using var store = await TestDatabases.PostgresAsync();
        var accounts = AccountsOf(partition: 1, count: 5, prefix: "rewind");
        var appended = new List<long>();
        for (var i = 0; i < 20; i++)
        {
            var results = await store.AppendBatchAsync([Lock(accounts[i % accounts.Count], version: i / accounts.Count)]);
            appended.Add(results[0].LastPosition);
        }

        // The probe of partition 1 resumes after the 8th event (Orleans' tokens name the last event processed), committed
        // before the silo started: the receiver reads it from the log into the cache, from which the rewind is served.
        RewindProbeGrain.Received.Clear();
        RewindProbeGrain.ResumeFrom.Clear();
        RewindProbeGrain.ResumeFrom["1"] = appended[7];
        await using var cluster = await StreamCluster.StartAsync(store, store);

        var expected = appended.Skip(8).ToList();
        var received = await Eventually.UntilAsync(() => Task.FromResult(Positions("1")), r => r.Count >= expected.Count);
        Assert.Equal(expected, received);

        // Live events follow, still in position order, each once.
        var live = await store.AppendBatchAsync([Lock(accounts[0], version: 4), Lock(accounts[1], version: 4)]);
        expected.AddRange(live.Select(r => r.LastPosition));
        received = await Eventually.UntilAsync(() => Task.FromResult(Positions("1")), r => r.Count >= expected.Count);
        Assert.Equal(expected, received);
        Assert.All(RewindProbeGrain.Received["1"], e => Assert.Equal(1, AccountEventStreams.PartitionOf(e.AccountId, StreamCluster.Partitions)));
        Assert.IsType<LockPlaced>(RewindProbeGrain.Received["1"].First().ToDomainEvent());
    }

    private static List<long> Positions(string partition) =>
        RewindProbeGrain.Received.TryGetValue(partition, out var queue) ? [.. queue.Select(e => e.Position)] : [];

    private static List<string> AccountsOf(int partition, int count, string prefix) =>
        [.. Enumerable.Range(0, 1000).Select(i => $"{prefix}-{Guid.NewGuid():N}")
            .Where(id => AccountEventStreams.PartitionOf(id, StreamCluster.Partitions) == partition).Take(count)];

    private static AppendRequest Lock(string account, int version)
    {
        var e = new LockPlaced(Guid.NewGuid().ToString("N"), LockReason.PolicyViolation, null, null) { At = DateTimeOffset.UtcNow, Actor = "integrity-tool/agent-1" };
        return new AppendRequest(account, version, [new EventData(AccountEventSerializer.TypeOf(e), e.At, e.Actor, e.Reason, AccountEventSerializer.SerializePayload(e))]);
    }
}
