using AccountGrains.Domain.Tests.Support;

namespace AccountGrains.Domain.Tests.Rules;

public sealed class ExpiryTests
{
    [Fact]
    public void NextDeadline_IsTheEarliestLockOrAttemptExpiry()
    {
        var account = new AccountHarness();
        account.Lock(LockReason.SuspiciousActivity, TimeSpan.FromHours(2));
        account.Lock(LockReason.PolicyViolation);
        Assert.Equal(account.Now + TimeSpan.FromHours(2), account.State.NextDeadline);

        var attempt = account.StartRecovery();

        Assert.Equal(attempt.ExpiresAt, account.State.NextDeadline);
    }

    [Fact]
    public void ExpireDue_NothingDue_WritesNothing()
    {
        var account = new AccountHarness();
        account.Lock(LockReason.SuspiciousActivity, TimeSpan.FromHours(2));

        var decision = account.Run(ExpireDue.FromTimer);

        Assert.True(decision.IsSuccess);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void ExpireDue_LateTimer_ExpiresEverythingDueAtOnce()
    {
        var account = new AccountHarness();
        var a = account.Lock(LockReason.SuspiciousActivity, TimeSpan.FromHours(1));
        var b = account.Lock(LockReason.UserRequested, TimeSpan.FromHours(3));
        account.Lock(LockReason.PolicyViolation, TimeSpan.FromHours(5));
        account.Advance(TimeSpan.FromHours(4));

        var outcome = account.ExpireDue();

        Assert.Equal([a, b], outcome.ExpiredLockIds);
        Assert.Equal(AccountHarness.Start + TimeSpan.FromHours(5), account.State.NextDeadline);
        Assert.Equal("system", account.History[^1].Actor);
    }
}
