namespace AccountGrains.Storage.Tests.Contract;

/// <summary>
/// Orleans' <see cref="IReminderTable"/> contract, run against each table by a derived class: rows keyed by grain
/// and name, a new etag on every upsert, removal only with the current etag, ring reads on the grain's uniform hash.
/// Each test gets a fresh location (a file, a schema) of its own.
/// </summary>
public abstract class ReminderTableContractTests
{
    /// <summary>A start time with ticks below the millisecond, which a table must give back exactly.</summary>
    protected static readonly DateTime StartAt = new DateTime(2026, 3, 14, 15, 9, 26, DateTimeKind.Utc).AddTicks(5_358_979);

    private int _locations;

    /// <summary>Opens and starts a table on <paramref name="location"/> for <paramref name="serviceId"/>; the same location twice shares the data.</summary>
    protected abstract Task<IReminderTable> OpenAsync(string location, string serviceId = "accountgrains-test");

    protected string NewLocation() => $"r{Interlocked.Increment(ref _locations)}_{Guid.NewGuid().ToString("N")[..8]}";

    protected Task<IReminderTable> OpenFreshAsync() => OpenAsync(NewLocation());

    /// <summary>A grain id whose key holds the characters a naive text key would mangle.</summary>
    protected static GrainId Grain(string key) => GrainId.Create("reminder-probe", key);

    protected static ReminderEntry Entry(GrainId grain, string name, DateTime? startAt = null, TimeSpan? period = null) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = startAt ?? StartAt,
        Period = period ?? TimeSpan.FromMinutes(1),
    };

    [Fact]
    public async Task UpsertRow_ThenReadRow_RoundTripsEveryField()
    {
        var table = await OpenFreshAsync();
        var grain = Grain("acct/ä#1?\\x+y");
        var period = TimeSpan.FromSeconds(90).Add(TimeSpan.FromTicks(3));

        var etag = await table.UpsertRow(Entry(grain, "expire/lock#1", StartAt, period));
        var read = await table.ReadRow(grain, "expire/lock#1");

        Assert.False(string.IsNullOrEmpty(etag));
        Assert.NotNull(read);
        Assert.Equal(grain, read.GrainId);
        Assert.Equal("expire/lock#1", read.ReminderName);
        Assert.Equal(StartAt, read.StartAt);
        Assert.Equal(DateTimeKind.Utc, read.StartAt.Kind);
        Assert.Equal(period, read.Period);
        Assert.Equal(etag, read.ETag);
    }

    [Fact]
    public async Task UpsertRow_Again_ReplacesTheRowWithANewETag()
    {
        var table = await OpenFreshAsync();
        var grain = Grain("alice");

        var first = await table.UpsertRow(Entry(grain, "expire"));
        var second = await table.UpsertRow(Entry(grain, "expire", StartAt.AddHours(1), TimeSpan.FromMinutes(5)));
        var read = await table.ReadRow(grain, "expire");

        Assert.NotEqual(first, second);
        Assert.NotNull(read);
        Assert.Equal(second, read.ETag);
        Assert.Equal(StartAt.AddHours(1), read.StartAt);
        Assert.Equal(TimeSpan.FromMinutes(5), read.Period);
        Assert.Single((await table.ReadRows(grain)).Reminders);
    }

    [Fact]
    public async Task RemoveRow_SucceedsOnlyWithTheCurrentETag()
    {
        var table = await OpenFreshAsync();
        var grain = Grain("alice");
        var stale = await table.UpsertRow(Entry(grain, "expire"));
        var current = await table.UpsertRow(Entry(grain, "expire", StartAt.AddMinutes(1)));

        var withStale = await table.RemoveRow(grain, "expire", stale!);
        var stillThere = await table.ReadRow(grain, "expire");
        var withWrongName = await table.RemoveRow(grain, "other", current!);
        var withCurrent = await table.RemoveRow(grain, "expire", current!);
        var again = await table.RemoveRow(grain, "expire", current!);

        Assert.False(withStale);
        Assert.Equal(current, stillThere?.ETag);
        Assert.False(withWrongName);
        Assert.True(withCurrent);
        Assert.False(again);
        Assert.Null(await table.ReadRow(grain, "expire"));
    }

    [Fact]
    public async Task ReadRows_OfAGrain_ReturnsOnlyThatGrainsReminders()
    {
        var table = await OpenFreshAsync();
        await table.UpsertRow(Entry(Grain("alice"), "expire"));
        await table.UpsertRow(Entry(Grain("alice"), "recovery"));
        await table.UpsertRow(Entry(Grain("bob"), "expire"));

        var alice = await table.ReadRows(Grain("alice"));
        var nobody = await table.ReadRows(Grain("nobody"));

        Assert.Equal(["expire", "recovery"], alice.Reminders.Select(r => r.ReminderName).Order());
        Assert.All(alice.Reminders, r => Assert.Equal(Grain("alice"), r.GrainId));
        Assert.Empty(nobody.Reminders);
        Assert.Null(await table.ReadRow(Grain("alice"), "nothing"));
    }

    [Fact]
    public async Task ReadRows_OnTheRing_ReturnsTheRangeAfterBeginUpToEnd_WrappingWhenBeginIsNotBelowEnd()
    {
        var table = await OpenFreshAsync();
        var grains = Enumerable.Range(0, 64).Select(i => Grain($"account-{i}")).ToArray();
        await Task.WhenAll(grains.Select(g => table.UpsertRow(Entry(g, "expire"))));
        var hashes = grains.Select(g => g.GetUniformHashCode()).Order().ToArray();

        // Exact boundaries: begin is exclusive, end inclusive, on both the plain and the wrapped range.
        Assert.Equal(hashes[11..21], await HashesIn(table, hashes[10], hashes[20]));
        uint[] wrapped = [.. hashes[..6], .. hashes[51..]];
        Assert.Equal(wrapped, await HashesIn(table, hashes[50], hashes[5]));
        Assert.Equal(hashes, await HashesIn(table, hashes[7], hashes[7]));
        Assert.Equal(hashes, await HashesIn(table, 0, 0));
        Assert.Equal(hashes.Where(h => h > 0), await HashesIn(table, 0, uint.MaxValue));

        var random = new Random(42);
        for (var i = 0; i < 50; i++)
        {
            var begin = (uint)random.NextInt64(0, 1L << 32);
            var end = (uint)random.NextInt64(0, 1L << 32);
            var expected = begin < end ? hashes.Where(h => h > begin && h <= end) : hashes.Where(h => h > begin || h <= end);
            Assert.Equal(expected, await HashesIn(table, begin, end));
        }
    }

    [Fact]
    public async Task UpsertRow_InParallel_GivesEveryWriteItsOwnETag()
    {
        var table = await OpenFreshAsync();
        var writes = Enumerable.Range(0, 5).SelectMany(g => Enumerable.Range(0, 5).Select(w =>
            table.UpsertRow(Entry(Grain($"account-{g}"), "expire", StartAt.AddMilliseconds(w)))));

        var etags = await Task.WhenAll(writes);
        var rows = await table.ReadRows(0, 0);

        Assert.Equal(25, etags.Distinct().Count());
        Assert.Equal(5, rows.Reminders.Count);
        Assert.All(rows.Reminders, r => Assert.Contains(r.ETag, etags));
    }

    [Fact]
    public async Task Tables_OfTwoServices_InOneLocation_KeepTheirRowsApart()
    {
        var location = NewLocation();
        var ours = await OpenAsync(location, "service-a");
        var theirs = await OpenAsync(location, "service-b");
        await ours.UpsertRow(Entry(Grain("alice"), "expire"));
        var theirEtag = await theirs.UpsertRow(Entry(Grain("alice"), "expire", StartAt.AddDays(1)));

        await ours.TestOnlyClearTable();

        Assert.Empty((await ours.ReadRows(0, 0)).Reminders);
        var left = Assert.Single((await theirs.ReadRows(0, 0)).Reminders);
        Assert.Equal(theirEtag, left.ETag);
        Assert.Equal(StartAt.AddDays(1), left.StartAt);
    }

    private static async Task<uint[]> HashesIn(IReminderTable table, uint begin, uint end) =>
        [.. (await table.ReadRows(begin, end)).Reminders.Select(r => r.GrainId.GetUniformHashCode()).Order()];
}
