using AccountGrains.Api.Tests.Support;
using AccountGrains.Contracts.V1;
using AccountGrains.Domain;
using LockReason = AccountGrains.Contracts.V1.LockReason;
using SignalKind = AccountGrains.Contracts.V1.SignalKind;
using AccountGrains.Gateway;
using AccountGrains.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace AccountGrains.Api.Tests.Watch;

/// <summary>WatchEvents against the in-process silo (SQLite, in-process wake-up): resume, filters, who may watch, security types.</summary>
[Collection(ApiSiloCollection.Name)]
public sealed class WatchEventsTests(ApiSilo silo)
{
    [Fact]
    public async Task Subscriber_DisconnectingMidStreamAndResuming_SeesEveryEventExactlyOnce()
    {
        var accounts = Enumerable.Range(0, 3).Select(i => ApiSilo.NewAccount("resume" + i)).ToArray();
        var agent = silo.Client("agent");
        var filter = new EventFilter { AccountIds = { accounts } };
        await LocksAsync(agent, accounts, 10);

        var first = await Watch.OpenAsync(silo.Client("platform"), 0, filter);
        var seen = await first.ReadAsync(12);
        first.Dispose();
        await LocksAsync(agent, accounts, 10);
        using var resumed = await Watch.OpenAsync(silo.Client("platform"), seen[^1].Position, filter);
        seen.AddRange(await resumed.ReadAsync(48));
        await LocksAsync(agent, accounts, 1);
        seen.AddRange(await resumed.ReadAsync(3));

        var expected = accounts.SelectMany(a => Enumerable.Range(1, 21).Select(seq => (a, (long)seq))).Order().ToList();
        Assert.Equal(expected, seen.Select(e => (e.AccountId, e.Seq)).Order().ToList());
        Assert.Equal(seen.Select(e => e.Position).Order(), seen.Select(e => e.Position));
        Assert.Equal(seen.Count, seen.Select(e => e.Position).Distinct().Count());
    }

    [Fact]
    public async Task Filter_ByTypeAndAccount_KeepsOnlyThose_WithActorAndSecurityTypes()
    {
        var watched = ApiSilo.NewAccount("filtered");
        var other = ApiSilo.NewAccount("unwatched");
        var agent = silo.Client("agent");
        using var watch = await Watch.OpenAsync(silo.Client("admin"), 0, new EventFilter { AccountIds = { watched }, EventTypes = { "LockLifted", "LockPlaced" } });

        foreach (var account in new[] { other, watched })
        {
            var placed = await agent.LockAsync(account, LockReason.Compromised);
            await agent.ReportSignalAsync(new ReportSignalRequest { AccountId = account, Kind = SignalKind.SuspiciousLogin });
            await agent.UnlockAsync(account, placed.LockId);
        }

        var events = await watch.ReadAsync(2);

        Assert.All(events, e => Assert.Equal(watched, e.AccountId));
        Assert.Equal(["LockPlaced", "LockLifted"], events.Select(e => e.Type));
        Assert.Equal([SharedSignals.AccountDisabled, SharedSignals.CredentialCompromise], events[0].SecurityEventTypes);
        Assert.Equal([SharedSignals.AccountEnabled], events[1].SecurityEventTypes);
        Assert.Equal(new EventActor { Display = ApiKeys.ActorOf("agent"), Name = ApiKeys.NameOf("agent"), Role = "agent", OnBehalfOf = ApiKeys.AgentOf("agent") }, events[0].Actor);
        Assert.Equal("COMPROMISED", events[0].Reason);
        Assert.Contains("\"lockReason\":\"COMPROMISED\"", events[0].DataJson, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("platform", true)]
    [InlineData("agent", true)]
    [InlineData("admin", true)]
    [InlineData("recovery", false)]
    [InlineData("vendor", false)]
    public async Task WatchEvents_FollowsTheDomainTable(string role, bool allowed)
    {
        var call = silo.Client(role).Raw.WatchEvents(new WatchEventsRequest(), new CallOptions(silo.Client(role).Headers, DateTime.UtcNow.AddSeconds(30)));
        if (allowed)
        {
            await call.ResponseHeadersAsync;
            call.Dispose();
        }
        else
        {
            var refused = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        }
    }

    [Theory]
    [InlineData(-1, "", "")]
    [InlineData(0, "NoSuchEvent", "")]
    [InlineData(0, "", "not an account!")]
    public async Task WatchEvents_BadRequest_IsInvalidArgument(long after, string type, string account)
    {
        var filter = new EventFilter();
        if (type.Length > 0)
        {
            filter.EventTypes.Add(type);
        }

        if (account.Length > 0)
        {
            filter.AccountIds.Add(account);
        }

        var admin = silo.Client("admin");
        using var call = admin.Raw.WatchEvents(new WatchEventsRequest { AfterPosition = after, Filter = filter }, new CallOptions(admin.Headers, DateTime.UtcNow.AddSeconds(30)));

        var refused = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
    }

    [Fact]
    public async Task Watch_EndsCleanly_AtTheCallersDeadline()
    {
        var admin = silo.Client("admin");
        using var call = admin.Raw.WatchEvents(new WatchEventsRequest { Filter = new EventFilter { AccountIds = { ApiSilo.NewAccount("quiet") } } }, new CallOptions(admin.Headers, DateTime.UtcNow.AddMilliseconds(500)));

        var ended = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.DeadlineExceeded, ended.StatusCode);
    }

    [Fact]
    public async Task SlowSubscriber_StaysWithinItsBuffer_ThenCatchesUpMissingNothing()
    {
        var tail = silo.Services.GetRequiredService<EventLogTail>();
        var store = silo.Services.GetRequiredService<IEventStore>();
        var accounts = Enumerable.Range(0, 100).Select(i => ApiSilo.NewAccount("slow" + i)).ToArray();
        using var watch = await Watch.OpenAsync(silo.Client("agent"), 0, new EventFilter { AccountIds = { accounts } });
        await AppendLocksAsync(store, accounts, round: 0);
        var seen = await watch.ReadAsync(accounts.Length);
        var overflowsBefore = tail.Overflows;

        // The subscriber reads nothing while 3,000 events commit: HTTP/2 flow control stops its writes, its buffer fills.
        for (var round = 1; round <= 30; round++)
        {
            await AppendLocksAsync(store, accounts, round);
        }

        await Eventually.Async(() => Task.FromResult(tail.Overflows), n => n > overflowsBefore, TimeSpan.FromSeconds(60));
        Assert.InRange(tail.MaxBuffered, 1, ApiSilo.WatchSubscriberBuffer);
        seen.AddRange(await watch.ReadAsync(accounts.Length * 30));

        var expected = accounts.SelectMany(a => Enumerable.Range(1, 31).Select(seq => (a, (long)seq))).Order().ToList();
        Assert.Equal(expected, seen.Select(e => (e.AccountId, e.Seq)).Order().ToList());
        Assert.Equal(seen.Select(e => e.Position).Order(), seen.Select(e => e.Position));
        Assert.Equal(seen.Count, seen.Select(e => e.Position).Distinct().Count());
        Assert.InRange(tail.MaxBuffered, 1, ApiSilo.WatchSubscriberBuffer);
    }

    [Fact]
    public async Task GrpcJsSubscriber_SeesALockByAnotherClient_WithinASecond()
    {
        var account = ApiSilo.NewAccount("grpcjs");
        var agent = silo.Client("agent");
        long acknowledgedAt = 0;

        var (exitCode, output) = await NodeScript.RunAsync(
            "watch-events.js",
            [$"--account={account}"],
            NodeScript.ScenarioEnvironment(silo.Address, silo.Keys),
            async line =>
            {
                if (line == "WATCHING")
                {
                    await agent.LockAsync(account, LockReason.SuspiciousActivity);
                    acknowledgedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                }
            });

        Assert.True(exitCode == 0, $"watch-events.js exited with {exitCode}:\n{output}");
        var receivedAt = long.Parse(output.Split("RECEIVED_AT ")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(receivedAt - acknowledgedAt < 1000, $"The Lock reached grpc-js {receivedAt - acknowledgedAt} ms after it was acknowledged:\n{output}");
    }

    private static async Task LocksAsync(ApiClient agent, string[] accounts, int each)
    {
        for (var i = 0; i < each; i++)
        {
            await Task.WhenAll(accounts.Select(a => agent.LockAsync(a, LockReason.UserRequested)));
        }
    }

    /// <summary>One LockPlaced per account, appended to the store as the grain would (the log is the store's).</summary>
    private static async Task AppendLocksAsync(IEventStore store, string[] accounts, int round)
    {
        var requests = accounts.Select(a =>
        {
            var evt = new LockPlaced(AccountDecider.LockIdFor(round + 1), Domain.LockReason.PolicyViolation, null, null, FirstLock: round == 0)
            {
                At = DateTimeOffset.UtcNow,
                Actor = "slow-test",
                ActorRole = ActorRole.Admin,
            };
            return new AppendRequest(a, round, [new EventData(EventTypeNames.LockPlaced, evt.At, evt.Actor, null, AccountEventSerializer.SerializePayload(evt))]);
        }).ToList();
        var results = await store.AppendBatchAsync(requests);
        Assert.All(results, r => Assert.Equal(AppendStatus.Appended, r.Status));
    }
}
