using AccountGrains.Domain.Tests.Support;

namespace AccountGrains.Domain.Tests.Rules;

public sealed class RiskAndSignalTests
{
    [Fact]
    public void CredentialLeaked_SetsCompromisedAndHighRisk_VerifyChallenges()
    {
        var account = new AccountHarness();

        account.Signal(SignalKind.CredentialLeaked);

        Assert.True(account.State.CredentialCompromised);
        Assert.Equal(RiskLevel.High, account.State.RiskAt(account.Now));
        var verify = account.Verify();
        Assert.Equal(VerifyDecision.Challenge, verify.Decision);
        Assert.Equal(VerifyReasons.RiskHigh | VerifyReasons.CredentialCompromised, verify.Reasons);
    }

    [Fact]
    public void SuspiciousLogin_RaisesRiskOneLevelAtATime()
    {
        var account = new AccountHarness();

        account.Signal(SignalKind.SuspiciousLogin);
        Assert.Equal(RiskLevel.Medium, account.State.RiskAt(account.Now));
        Assert.Equal(VerifyDecision.Allow, account.Verify().Decision);
        account.Signal(SignalKind.SuspiciousLogin, times: 2);

        Assert.Equal(RiskLevel.High, account.State.RiskAt(account.Now));
    }

    [Fact]
    public void Risk_SevenDaysWithoutRiskSignals_DecaysToLow()
    {
        var account = new AccountHarness();
        account.Signal(SignalKind.SimSwap);
        account.Advance(TimeSpan.FromDays(6));
        account.Signal(SignalKind.SuspiciousLogin);

        account.Advance(TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1));
        Assert.Equal(RiskLevel.High, account.State.RiskAt(account.Now));
        account.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(RiskLevel.Low, account.State.RiskAt(account.Now));
        Assert.Equal(VerifyDecision.Allow, account.Verify().Decision);
    }

    [Fact]
    public void Risk_SuccessfulLoginsDoNotHoldOffDecay()
    {
        var account = new AccountHarness();
        account.Signal(SignalKind.SuspiciousLogin);
        account.Advance(TimeSpan.FromDays(5));
        account.Signal(SignalKind.SuccessfulLogin, "phone");

        account.Advance(TimeSpan.FromDays(2));

        Assert.Equal(RiskLevel.Low, account.State.RiskAt(account.Now));
    }

    [Fact]
    public void SuspiciousLogin_AfterDecay_StartsFromLow()
    {
        var account = new AccountHarness();
        account.Signal(SignalKind.CredentialLeaked);
        account.Advance(TimeSpan.FromDays(8));

        account.Signal(SignalKind.SuspiciousLogin);

        Assert.Equal(RiskLevel.Medium, account.State.RiskAt(account.Now));
    }

    [Fact]
    public void CredentialReset_ClearsCompromisedButNotRisk()
    {
        var account = new AccountHarness();
        account.Signal(SignalKind.CredentialLeaked);

        account.Signal(SignalKind.CredentialReset);

        Assert.False(account.State.CredentialCompromised);
        Assert.Equal(RiskLevel.High, account.State.RiskAt(account.Now));
    }

    [Fact]
    public void SuccessfulLogin_KeepsAtMostTwentyDevices_MostRecentFirst()
    {
        var account = new AccountHarness();

        for (var i = 0; i < 25; i++)
        {
            account.Signal(SignalKind.SuccessfulLogin, $"device-{i}");
        }

        account.Signal(SignalKind.SuccessfulLogin, "device-10");

        Assert.Equal(20, account.State.Devices.Count);
        Assert.Equal("device-10", account.State.Devices[0]);
        Assert.Equal("device-24", account.State.Devices[1]);
        Assert.False(account.State.IsKnownDevice("device-4"));
        Assert.True(account.State.IsKnownDevice("device-5"));
    }

    [Fact]
    public void FailedLogin_FromADevice_DoesNotMakeItKnown()
    {
        var account = new AccountHarness();

        account.Signal(SignalKind.FailedLogin, "attacker");

        Assert.Empty(account.State.Devices);
    }

    [Fact]
    public void Verify_HighProfileOnUnknownOrNoDevice_Challenges_KnownDeviceAllows()
    {
        var account = new AccountHarness();
        account.Ok<HighProfileOutcome>(new SetHighProfile(Actors.Admin, true));
        account.Signal(SignalKind.SuccessfulLogin, "laptop");

        Assert.Equal(VerifyDecision.Challenge, account.Verify(deviceId: "stranger").Decision);
        Assert.Equal(VerifyReasons.UnknownDevice, account.Verify(deviceId: null).Reasons);
        Assert.Equal(VerifyDecision.Allow, account.Verify(deviceId: "laptop").Decision);
    }

    [Fact]
    public void Verify_NotHighProfileOnUnknownDevice_Allows()
    {
        var account = new AccountHarness();

        Assert.Equal(VerifyDecision.Allow, account.Verify(deviceId: "stranger").Decision);
    }

    [Fact]
    public void Verify_LockedAndRecoverAction_IsNotDenied()
    {
        var account = new AccountHarness();
        account.Lock(LockReason.Compromised);
        account.Signal(SignalKind.CredentialLeaked);

        var verify = account.Verify(VerifyAction.Recover);

        Assert.Equal(VerifyDecision.Challenge, verify.Decision);
        Assert.True(verify.Reasons.HasFlag(VerifyReasons.Locked));
        Assert.Equal(2, verify.Version);
    }

    [Fact]
    public void Verify_OnAWarmAccount_DoesNotAllocate()
    {
        var account = new AccountHarness();
        account.Ok<HighProfileOutcome>(new SetHighProfile(Actors.Admin, true));
        for (var i = 0; i < 20; i++)
        {
            account.Signal(SignalKind.SuccessfulLogin, $"device-{i}");
        }

        account.Lock(LockReason.PolicyViolation, TimeSpan.FromHours(1));
        var now = account.Now;
        var device = "device-19";
        account.State.Verify(VerifyAction.Login, device, now);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var denies = 0;
        for (var i = 0; i < 1000; i++)
        {
            denies += account.State.Verify(VerifyAction.Login, device, now).Decision == VerifyDecision.Deny ? 1 : 0;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(1000, denies);
    }

    [Fact]
    public void AccountState_New_IsSmall()
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var state = new AccountState();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, state.Version);
        Assert.True(allocated <= 256, $"A fresh state allocated {allocated} bytes.");
    }
}
