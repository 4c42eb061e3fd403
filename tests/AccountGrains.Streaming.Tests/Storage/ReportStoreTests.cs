using AccountGrains.Storage.Reports;
using AccountGrains.Streaming.Tests.Support;

namespace AccountGrains.Streaming.Tests.Storage;

/// <summary>The report store's contract, the same on PostgreSQL and SQLite.</summary>
public sealed class ReportStoreTests
{
    private static readonly DateOnly Day = new(2026, 5, 4);
    private static readonly DateTimeOffset Noon = new(2026, 5, 4, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Stores => ["postgres", "sqlite"];

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Apply_AtTheExpectedCheckpoint_CommitsChangesAndCheckpointTogether(string kind)
    {
        await using var handle = await OpenAsync(kind);
        var reports = handle.Reports;

        Assert.True(await reports.ApplyReportChangesAsync(2, 0, 10, Counts(("lock_placed", "COMPROMISED", "manual", 2))));
        Assert.True(await reports.ApplyReportChangesAsync(2, 10, 12, Counts(("lock_placed", "COMPROMISED", "manual", 1))));
        Assert.True(await reports.ApplyReportChangesAsync(3, 0, 11, Counts(("lock_placed", "COMPROMISED", "manual", 4))));

        Assert.Equal(12, await reports.ReadReportCheckpointAsync(2));
        Assert.Equal(11, await reports.ReadReportCheckpointAsync(3));
        Assert.Equal(0, await reports.ReadReportCheckpointAsync(5));
        var rows = await reports.ReadReportAsync(Day, Day.AddDays(1));
        Assert.Equal([new ReportCount(Day, "lock_placed", "COMPROMISED", "manual", 7)], rows.Counts);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Apply_AtAStaleCheckpoint_WritesNothing(string kind)
    {
        await using var handle = await OpenAsync(kind);
        var reports = handle.Reports;
        Assert.True(await reports.ApplyReportChangesAsync(0, 0, 10, Counts(("badge_granted", "notable", "", 1))));

        Assert.False(await reports.ApplyReportChangesAsync(0, 0, 10, Counts(("badge_granted", "notable", "", 1))));
        Assert.False(await reports.ApplyReportChangesAsync(0, 5, 20, Counts(("badge_granted", "notable", "", 1))));

        Assert.Equal(10, await reports.ReadReportCheckpointAsync(0));
        Assert.Equal(1, (await reports.ReadReportAsync(Day, Day.AddDays(1))).Counts.Single().Delta);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Interval_OpenedThenClosed_BecomesOneSampleWithItsLabelAndLength(string kind)
    {
        await using var handle = await OpenAsync(kind);
        var reports = handle.Reports;
        var open = new ReportChanges([], [new ReportIntervalStart("compromised_lock", "alice", "lock-1", "COMPROMISED", Noon)], []);
        var close = new ReportChanges([], [], [new ReportIntervalEnd("compromised_lock", "alice", "lock-1", "recovery", Noon.AddMinutes(90).AddTicks(30))]);
        var neverOpened = new ReportChanges([], [], [new ReportIntervalEnd("compromised_lock", "bob", "lock-2", "recovery", Noon)]);

        Assert.True(await reports.ApplyReportChangesAsync(1, 0, 1, open));
        Assert.True(await reports.ApplyReportChangesAsync(1, 1, 2, close));
        Assert.True(await reports.ApplyReportChangesAsync(1, 2, 3, neverOpened));

        var rows = await reports.ReadReportAsync(Day, Day.AddDays(1));
        Assert.Equal([new ReportSample("compromised_lock", "COMPROMISED", "recovery", Day, (90 * 60 * 1_000_000L) + 3)], rows.Samples);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Reset_DeletesRowsAndCheckpoints_AndReadsHonourTheDayRange(string kind)
    {
        await using var handle = await OpenAsync(kind);
        var reports = handle.Reports;
        Assert.True(await reports.ApplyReportChangesAsync(0, 0, 4, new ReportChanges(
            [new ReportCount(Day, "recovery_started", "EMAIL", "", 1), new ReportCount(Day.AddDays(1), "recovery_started", "EMAIL", "", 1)], [], [])));

        Assert.Single((await reports.ReadReportAsync(Day.AddDays(1), Day.AddDays(2))).Counts);
        await reports.ResetReportAsync();

        Assert.Equal(0, await reports.ReadReportCheckpointAsync(0));
        Assert.Empty((await reports.ReadReportAsync(Day, Day.AddDays(2))).Counts);
        Assert.True(await reports.ApplyReportChangesAsync(0, 0, 4, ReportChanges.None));
    }

    private static ReportChanges Counts(params (string Metric, string Key, string Detail, long Delta)[] counts) =>
        new([.. counts.Select(c => new ReportCount(Day, c.Metric, c.Key, c.Detail, c.Delta))], [], []);

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Queue_ItemsEnterAndLeaveWithTheirCheckpoint_InPositionOrder_AndExpiredOnesAreLeftOut(string kind)
    {
        await using var handle = await OpenAsync(kind);
        var reports = handle.Reports;
        var enter = new ReportChanges([], [], [],
        [
            new QueueChange(ReportQueues.Requests, "bob", "request-1", 30, Noon.AddHours(1), "{\"b\":1}"),
            new QueueChange(ReportQueues.Requests, "alice", "request-2", 20, Noon.AddHours(3), "{\"a\":2}"),
            new QueueChange(ReportQueues.Appeals, "alice", "appeal-3", 21, null, "{\"a\":3}"),
            new QueueChange(ReportQueues.Requests, "carol", "request-4", 40, null, "{\"c\":4}"),
        ]);
        var leave = new ReportChanges([], [], [], [new QueueChange(ReportQueues.Requests, "carol", "request-4", 41, null, null)]);

        Assert.True(await reports.ApplyReportChangesAsync(1, 0, 40, enter));
        Assert.False(await reports.ApplyReportChangesAsync(1, 0, 41, leave));
        Assert.True(await reports.ApplyReportChangesAsync(1, 40, 41, leave));

        var before = await reports.ReadQueueAsync(ReportQueues.Requests, 0, Noon, 10);
        Assert.Equal([new QueueItem("alice", "request-2", 20, "{\"a\":2}"), new QueueItem("bob", "request-1", 30, "{\"b\":1}")], before);
        Assert.Equal(["request-1"], (await reports.ReadQueueAsync(ReportQueues.Requests, 20, Noon, 10)).Select(i => i.ItemId));
        Assert.Equal(["request-2"], (await reports.ReadQueueAsync(ReportQueues.Requests, 0, Noon, 1)).Select(i => i.ItemId));
        Assert.Equal(["request-2"], (await reports.ReadQueueAsync(ReportQueues.Requests, 0, Noon.AddHours(1), 10)).Select(i => i.ItemId));
        Assert.Equal(["appeal-3"], (await reports.ReadQueueAsync(ReportQueues.Appeals, 0, Noon, 10)).Select(i => i.ItemId));

        await reports.ResetReportAsync();
        Assert.Empty(await reports.ReadQueueAsync(ReportQueues.Requests, 0, Noon, 10));
    }

    private static async Task<StoreHandle> OpenAsync(string kind) =>
        kind == "postgres" ? new StoreHandle(await TestDatabases.PostgresAsync()) : new StoreHandle(await TestDatabases.SqliteAsync());

    private sealed class StoreHandle(IReportStore reports) : IAsyncDisposable
    {
        public IReportStore Reports => reports;

        public ValueTask DisposeAsync() => reports is IAsyncDisposable d ? d.DisposeAsync() : ValueTask.CompletedTask;
    }
}
