using AccountGrains.Domain.Tests.Support;

namespace AccountGrains.Domain.Tests.Rules;

public sealed class BruteForceTests
{
    [Fact]
    public void FailedLogin_NineInWindow_DoesNotLock()
    {
        var account = new AccountHarness();

        account.Signal(SignalKind.FailedLogin, times: 9);

        Assert.False(account.State.IsLocked(account.Now));
    }

    [Fact]
    public void FailedLogin_TenthInWindow_PlacesFifteenMinuteBruteForceLockBySystem()
    {
        var account = new AccountHarness();
        account.Signal(SignalKind.FailedLogin, times: 9);

        var outcome = account.Ok<SignalOutcome>(new ReportSignal(Actors.Platform, SignalKind.FailedLogin));

        Assert.NotNull(outcome.BruteForceLockId);
        var placed = Assert.Single(account.State.ActiveLocks(account.Now));
        Assert.Equal(LockReason.BruteForce, placed.Reason);
        Assert.Equal("system", placed.PlacedBy);
        Assert.Equal(account.Now + TimeSpan.FromMinutes(15), placed.ExpiresAt);
        Assert.Equal(account.Now + TimeSpan.FromMinutes(15), account.State.NextDeadline);
    }

    [Fact]
    public void FailedLogin_OlderThanWindow_DoesNotCount()
    {
        var account = new AccountHarness();
        account.Signal(SignalKind.FailedLogin, times: 5);
        account.Advance(TimeSpan.FromMinutes(16));

        account.Signal(SignalKind.FailedLogin, times: 9);

        Assert.False(account.State.IsLocked(account.Now));
    }

    [Fact]
    public void SuccessfulLogin_ResetsTheFailureCount()
    {
        var account = new AccountHarness();
        account.Signal(SignalKind.FailedLogin, times: 9);
        account.Signal(SignalKind.SuccessfulLogin);

        account.Signal(SignalKind.FailedLogin, times: 9);

        Assert.False(account.State.IsLocked(account.Now));
    }

    [Fact]
    public void FailedLogin_FurtherTrips_DoubleTheLockUpTo24Hours()
    {
        var account = new AccountHarness();
        var lengths = new List<TimeSpan>();

        for (var trip = 0; trip < 9; trip++)
        {
            account.Signal(SignalKind.FailedLogin, times: 10);
            var bruteForce = Assert.Single(account.State.ActiveLocks(account.Now));
            lengths.Add(bruteForce.ExpiresAt!.Value - account.Now);
            account.Clock.Advance(bruteForce.ExpiresAt.Value - account.Now);
            account.ExpireDue();
        }

        Assert.Equal([15, 30, 60, 120, 240, 480, 960, 1440, 1440], lengths.Select(l => (int)l.TotalMinutes));
    }

    [Fact]
    public void FailedLogin_TripADayAfterTheLastLockEnded_StartsOverAtFifteenMinutes()
    {
        var account = new AccountHarness();
        account.Signal(SignalKind.FailedLogin, times: 10);
        account.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromHours(24));
        account.ExpireDue();

        account.Signal(SignalKind.FailedLogin, times: 10);

        Assert.Equal(account.Now + TimeSpan.FromMinutes(15), Assert.Single(account.State.ActiveLocks(account.Now)).ExpiresAt);
    }

    [Fact]
    public void FailedLogin_WhileBruteForceLockIsActive_DoesNotPlaceAnother()
    {
        var account = new AccountHarness();
        account.Signal(SignalKind.FailedLogin, times: 10);

        account.Signal(SignalKind.FailedLogin, times: 20);

        Assert.Single(account.State.Locks);
    }

    [Fact]
    public void BruteForceLock_ExpiresByTheTimer()
    {
        var account = new AccountHarness();
        account.Signal(SignalKind.FailedLogin, times: 10);
        account.Advance(TimeSpan.FromMinutes(15));

        var outcome = account.ExpireDue();

        Assert.Single(outcome.ExpiredLockIds);
        Assert.Empty(account.State.Locks);
        Assert.Null(account.State.NextDeadline);
        Assert.IsType<LockExpired>(account.History[^1]);
    }

    [Fact]
    public void BruteForceDuration_HugeTripNumber_IsCappedWithoutOverflow()
    {
        var duration = AccountDecider.BruteForceDuration(int.MaxValue, AccountRulesOptions.Default);

        Assert.Equal(TimeSpan.FromHours(24), duration);
    }
}
