using AccountGrains.Storage;
using AccountGrains.Storage.Reports;
using AccountGrains.Streaming.Tests.Support;
using Xunit.Abstractions;

namespace AccountGrains.Streaming.Tests.Reporting;

/// <summary>The reporting projection fed by the stream provider in a real silo, on real PostgreSQL and SQLite.</summary>
public sealed class ReportProjectionTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Projection_RebuiltFromZero_EqualsTheLiveOne_Postgres()
    {
        await using var store = await TestDatabases.PostgresAsync();
        await RebuildEqualsLiveAsync(store, store, eventCount: 4000);
    }

    [Fact]
    public async Task Projection_RebuiltFromZero_EqualsTheLiveOne_Sqlite()
    {
        await using var store = await TestDatabases.SqliteAsync();
        await RebuildEqualsLiveAsync(store, store, eventCount: 2000);
    }

    [Fact]
    public async Task Consumer_FailingBetweenItsCommitAndItsAcknowledgement_DoubleCountsNothing()
    {
        await using var store = await TestDatabases.PostgresAsync();
        // Every 7th apply commits and then fails (the consumer never learns its checkpoint moved), every 11th fails before committing.
        var faulty = new FaultyReportStore(store, failAfterCommitEvery: 7, failBeforeCommitEvery: 11);
        var history = new HistoryGenerator(seed: 17, prefix: "faulty");
        await using var cluster = await StreamCluster.StartAsync(store, faulty);

        // Paced, so the projection applies many batches while the events arrive (all at once, a partition could catch up in
        // fewer than 11 transactions); then more until both kinds of fault have happened.
        var last = new long[StreamCluster.Partitions];
        for (var chunk = 0; chunk < 60 || (chunk < 400 && (faulty.AfterCommitFaults == 0 || faulty.BeforeCommitFaults == 0)); chunk++)
        {
            last = [.. last.Zip(await HistoryRun.AppendAsync(store, history, events: 25, accounts: 120, requestsPerBatch: 10), Math.Max)];
            await Task.Delay(10);
        }

        await HistoryRun.WaitAppliedAsync(store, last);
        var live = await HistoryRun.ReadAllAsync(store);
        faulty.Enabled = false;
        await cluster.Maintenance.RebuildAsync();
        var rebuilt = await HistoryRun.ReadAllAsync(store);

        output.WriteLine($"{faulty.AfterCommitFaults} faults after a commit and {faulty.BeforeCommitFaults} before one in {history.LocksPlaced} locks' history");
        Assert.True(faulty.AfterCommitFaults > 0 && faulty.BeforeCommitFaults > 0, "the faults were injected");
        AssertTotals(history, live);
        Assert.Equal(rebuilt.Counts, live.Counts);
        Assert.Equal(rebuilt.Samples, live.Samples);
    }

    [Fact]
    public async Task Projection_CaughtUp_AppliesWhatTheStreamDelivers_InBatches_NotATransactionPerEvent()
    {
        await using var store = await TestDatabases.PostgresAsync();
        var counted = new FaultyReportStore(store, failAfterCommitEvery: int.MaxValue, failBeforeCommitEvery: int.MaxValue) { Enabled = false };
        var history = new HistoryGenerator(seed: 23, prefix: "paced");
        await using var cluster = await StreamCluster.StartAsync(store, counted);

        // Every partition activated and caught up first, so what follows reaches it through the stream, a few events at a time.
        await HistoryRun.WaitAppliedAsync(store, await HistoryRun.AppendAsync(store, history, events: 200, accounts: 200));
        counted.Enabled = true;
        var last = new long[StreamCluster.Partitions];
        var requests = 0;
        for (var i = 0; i < 60; i++)
        {
            last = [.. last.Zip(await HistoryRun.AppendAsync(store, history, events: 1, accounts: 200, requestsPerBatch: 4), Math.Max)];
            requests += 4;
            await Task.Delay(10);
        }

        await HistoryRun.WaitAppliedAsync(store, last);
        var live = await HistoryRun.ReadAllAsync(store);
        var applies = counted.Applies;
        counted.Enabled = false;
        await cluster.Maintenance.RebuildAsync();
        var rebuilt = await HistoryRun.ReadAllAsync(store);

        output.WriteLine($"{applies} projection transactions for {requests} appends (one or more events each) delivered over {StreamCluster.Partitions} partitions");
        // One transaction per event would be at least 240; batches of ~100 ms over 4 partitions are a few dozen.
        Assert.InRange(applies, 1, requests / 3);
        AssertTotals(history, live);
        Assert.Equal(rebuilt.Counts, live.Counts);
        Assert.Equal(rebuilt.Samples, live.Samples);
    }

    private async Task RebuildEqualsLiveAsync(IEventStore events, IReportStore reports, int eventCount)
    {
        var history = new HistoryGenerator(seed: 42, prefix: "acct");
        await using var cluster = await StreamCluster.StartAsync(events, reports);

        // Half before the projection has seen anything, half while it runs.
        var first = await HistoryRun.AppendAsync(events, history, eventCount / 2, accounts: 300);
        var second = await HistoryRun.AppendAsync(events, history, eventCount / 2, accounts: 300);
        await HistoryRun.WaitAppliedAsync(reports, [.. first.Zip(second, Math.Max)]);
        var live = await HistoryRun.ReadAllAsync(reports);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var checkpoints = await cluster.Maintenance.RebuildAsync();
        output.WriteLine($"rebuilt {eventCount} events from position zero in {clock.ElapsedMilliseconds} ms ({reports.GetType().Name})");
        var rebuilt = await HistoryRun.ReadAllAsync(reports);

        Assert.Equal(first.Zip(second, Math.Max), checkpoints);
        AssertTotals(history, live);
        Assert.Equal(rebuilt.Counts, live.Counts);
        Assert.Equal(rebuilt.Samples, live.Samples);
    }

    private static void AssertTotals(HistoryGenerator history, ReportRows rows)
    {
        Assert.Equal(history.LocksPlaced, rows.Counts.Where(c => c.Metric == ReportMetrics.LockPlaced).Sum(c => c.Delta));
        Assert.Equal(history.RecoveriesCompleted, rows.Samples.Count(s => s.Metric == ReportMetrics.RecoveryAttempt && s.Outcome == "completed"));
        Assert.Equal(history.CompromisedRecovered, rows.Samples.Count(s => s.Metric == ReportMetrics.CompromisedLock && s.Outcome == ReportMetrics.Recovery));
        Assert.All(rows.Samples, s => Assert.True(s.Micros >= 0));
    }
}
