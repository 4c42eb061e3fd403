using System.Diagnostics;
using AccountGrains.Fencing.Fencing;

namespace AccountGrains.Fencing.Tests.Fencing;

/// <summary>
/// The silo's own view of its lease, by the monotonic clock. Renewals are placed seconds in the past rather than
/// waited for: lease 10 s, margin 4 s, so the silo serves 6 s after a renewal was sent and answers in flight 2 s more.
/// </summary>
public sealed class SiloLeaseTests
{
    private static readonly ClusterFencingOptions Options = new() { LeaseDuration = TimeSpan.FromSeconds(10), SafetyMargin = TimeSpan.FromSeconds(4) };

    [Fact]
    public void BeforeTheFirstRenewal_ItDoesNotServe()
    {
        var lease = new SiloLease(Options);

        Assert.False(lease.IsServing);
        Assert.False(lease.AnswerIsFresh);
    }

    [Fact]
    public void RenewalSentWithinTheWindow_Serves()
    {
        var lease = new SiloLease(Options);

        lease.Renewed(SecondsAgo(1));

        Assert.True(lease.IsServing);
        Assert.True(lease.AnswerIsFresh);
    }

    [Fact]
    public void WindowClosedLessThanHalfTheMarginAgo_RefusesNewCallsButLetsAnswersInFlightThrough()
    {
        var lease = new SiloLease(Options);

        lease.Renewed(SecondsAgo(7));

        Assert.False(lease.IsServing);
        Assert.True(lease.AnswerIsFresh);
        Assert.InRange(lease.SinceWindowClosed, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1.5));
    }

    [Fact]
    public void WindowClosedMoreThanHalfTheMarginAgo_RefusesAnswersToo()
    {
        var lease = new SiloLease(Options);

        lease.Renewed(SecondsAgo(9));

        Assert.False(lease.IsServing);
        Assert.False(lease.AnswerIsFresh);
    }

    [Fact]
    public void AnOlderRenewal_NeverShortensTheWindow()
    {
        var lease = new SiloLease(Options);

        lease.Renewed(SecondsAgo(1));
        lease.Renewed(SecondsAgo(9));

        Assert.True(lease.IsServing);
    }

    [Fact]
    public void AfterTheLeaseIsLost_NoRenewalReopensIt()
    {
        var lease = new SiloLease(Options);
        lease.Renewed(SecondsAgo(1));

        lease.Lose();
        lease.Renewed(Stopwatch.GetTimestamp());

        Assert.True(lease.IsLost);
        Assert.False(lease.IsServing);
        Assert.False(lease.AnswerIsFresh);
    }

    private static long SecondsAgo(double seconds) => Stopwatch.GetTimestamp() - (long)(seconds * Stopwatch.Frequency);
}
