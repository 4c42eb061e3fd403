using AccountGrains.Api.Tests.Support;
using AccountGrains.Contracts.V1;
using Google.Protobuf.WellKnownTypes;

namespace AccountGrains.Api.Tests.Scenarios;

/// <summary>
/// GetReport through the real gateway and silo: a lock made through the API reaches the reporting projection over
/// the account event stream and shows in the report; admin and auditor may read it, nobody else.
/// </summary>
[Collection(ApiSiloCollection.Name)]
public sealed class ReportTests(ApiSilo silo)
{
    private ClusterAdmin.ClusterAdminClient Admin => new(silo.Channel);

    [Fact]
    public async Task GetReport_AfterALock_CountsItOnceForItsReasonAndItsActor()
    {
        // The projection applies what the stream delivers in batches, so the tests before this one may still be on
        // their way into the report: start from a report that has settled. An agent id of this test's own makes its
        // actor's count exact too.
        var before = await SettledTodayAsync();
        var agent = "report-" + Guid.NewGuid().ToString("N")[..8];
        var headers = new Metadata { { "authorization", "Bearer " + silo.Keys.KeyOf("agent") }, { "x-on-behalf-of", agent } };
        await silo.WithHeaders(headers).LockAsync(ApiSilo.NewAccount("report-lock"), LockReason.Compromised, TimeSpan.FromHours(1));

        var after = await Eventually.Async(() => TodayAsync("admin"), r => Placed(r) > Placed(before), TimeSpan.FromSeconds(60));

        Assert.Equal(Placed(before) + 1, Placed(after));
        var actor = Assert.Single(after.BusiestActors, a => a.Actor == $"{ApiKeys.NameOf("agent")}/{agent}");
        var placed = Assert.Single(actor.Actions, a => a.Key == "LockPlaced");
        Assert.Equal(1, placed.Count);
    }

    [Fact]
    public async Task GetReport_ByAnAuditor_Answers() =>
        Assert.Single((await Admin.GetReportAsync(Today(), As("auditor"))).Periods);

    [Theory]
    [InlineData("platform")]
    [InlineData("recovery")]
    [InlineData("agent")]
    [InlineData("vendor")]
    public async Task GetReport_ByAnotherRole_IsPermissionDenied(string role) =>
        await Refused.WithAsync(StatusCode.PermissionDenied, async () => await Admin.GetReportAsync(Today(), As(role)));

    [Fact]
    public async Task ListSilos_ByAnAuditor_IsPermissionDenied() =>
        await Refused.WithAsync(StatusCode.PermissionDenied, async () => await Admin.ListSilosAsync(new ListSilosRequest(), As("auditor")));

    [Fact]
    public async Task GetReport_WithoutAGranularity_IsInvalidArgument()
    {
        var request = Today();
        request.Granularity = ReportGranularity.Unspecified;
        await Refused.WithAsync(StatusCode.InvalidArgument, async () => await Admin.GetReportAsync(request, As("admin")));
    }

    [Fact]
    public async Task GetReport_ByWeek_CutsThePeriodsToTheRange()
    {
        var request = new GetReportRequest
        {
            From = Timestamp.FromDateTime(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)),   // a Thursday
            To = Timestamp.FromDateTime(new DateTime(2026, 1, 20, 0, 0, 0, DateTimeKind.Utc)),
            Granularity = ReportGranularity.Week,
        };

        var reply = await Admin.GetReportAsync(request, As("admin"));

        Assert.Equal([1, 5, 12, 19], reply.Periods.Select(p => p.Start.ToDateTime().Day));
        Assert.Equal(20, reply.Periods[^1].End.ToDateTime().Day);
    }

    private static long Placed(ReportPeriod period) =>
        period.LocksPlaced.Where(l => l.Reason == LockReason.Compromised && !l.Automatic).Sum(l => l.Count);

    private async Task<ReportPeriod> TodayAsync(string role) => (await Admin.GetReportAsync(Today(), As(role))).Periods.Single();

    // Today's report once two reads a second apart (ten batch delays) agree.
    private async Task<ReportPeriod> SettledTodayAsync()
    {
        var last = await TodayAsync("admin");
        for (var attempt = 0; attempt < 30; attempt++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var now = await TodayAsync("admin");
            if (now.Equals(last))
            {
                return now;
            }

            last = now;
        }

        throw new TimeoutException("today's report kept changing for 30 s");
    }

    private static GetReportRequest Today()
    {
        var today = DateTime.UtcNow.Date;
        return new GetReportRequest
        {
            From = Timestamp.FromDateTime(DateTime.SpecifyKind(today, DateTimeKind.Utc)),
            To = Timestamp.FromDateTime(DateTime.SpecifyKind(today.AddDays(1), DateTimeKind.Utc)),
            Granularity = ReportGranularity.Total,
            TopActors = 100,
        };
    }

    private CallOptions As(string role) => new(silo.Keys.HeadersOf(role), DateTime.UtcNow.AddSeconds(30));
}
