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

    private static async Task<StoreHandle> OpenAsync(string kind) =>
        kind == "postgres" ? new StoreHandle(await TestDatabases.PostgresAsync()) : new StoreHandle(await TestDatabases.SqliteAsync());

    private sealed class StoreHandle(IReportStore reports) : IAsyncDisposable
    {
        public IReportStore Reports => reports;

        public ValueTask DisposeAsync() => reports is IAsyncDisposable d ? d.DisposeAsync() : ValueTask.CompletedTask;
    }
}
