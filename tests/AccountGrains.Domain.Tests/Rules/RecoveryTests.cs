using AccountGrains.Domain.Tests.Support;

namespace AccountGrains.Domain.Tests.Rules;

public sealed class RecoveryTests
{
    [Fact]
    public void StartRecovery_ReturnsSixDigitCodeOnce_StoresOnlyASaltedHash()
    {
        var account = new AccountHarness();

        var outcome = account.StartRecovery();

        Assert.Matches("^[0-9]{6}$", outcome.Code);
        Assert.Equal(account.Now + TimeSpan.FromMinutes(10), outcome.ExpiresAt);
        var started = Assert.IsType<RecoveryStarted>(Assert.Single(account.History));
        Assert.Equal(32, started.CodeHash.Length);
        Assert.Equal(16, started.Salt.Length);
        Assert.DoesNotContain($"\"{outcome.Code}\"", System.Text.Encoding.UTF8.GetString(AccountEventSerializer.SerializePayload(started)), StringComparison.Ordinal);
        Assert.Equal(outcome.AttemptId, account.State.GetRecoveryStatus(account.Now, account.Options).OpenAttemptId);
    }

    [Fact]
    public void StartRecovery_FourthWithin24Hours_IsResourceExhausted_UntilTheFirstLeavesTheWindow()
    {
        var account = new AccountHarness();
        for (var i = 0; i < 3; i++)
        {
            account.StartRecovery();
            account.Advance(TimeSpan.FromHours(1));
        }

        account.Fails(new StartRecovery(Actors.Recovery, RecoveryChannel.Email), DomainErrorCode.ResourceExhausted);
        Assert.Equal(AccountHarness.Start + TimeSpan.FromHours(24), account.State.GetRecoveryStatus(account.Now, account.Options).CooldownUntil);
        account.Clock.Advance(AccountHarness.Start + TimeSpan.FromHours(24) - account.Now);

        account.StartRecovery();
    }

    [Fact]
    public void StartRecovery_WhileOneIsOpen_ReplacesIt()
    {
        var account = new AccountHarness();
        var first = account.StartRecovery();

        var second = account.StartRecovery();

        Assert.Equal(first.AttemptId, Assert.IsType<RecoveryStarted>(account.History[^1]).ReplacedAttemptId);
        account.Fails(new CompleteRecovery(Actors.Recovery, first.AttemptId, first.Code!), DomainErrorCode.NotFound);
        Assert.Equal(RecoveryCompletionStatus.Completed, account.Ok<RecoveryCompletionOutcome>(new CompleteRecovery(Actors.Recovery, second.AttemptId, second.Code!)).Status);
    }

    [Theory]
    [InlineData(RecoveryChannel.Sms)]
    [InlineData(RecoveryChannel.Voice)]
    public void StartRecovery_PhoneChannelWithin72HoursOfSimSwap_IsFailedPrecondition(RecoveryChannel channel)
    {
        var account = new AccountHarness();
        account.Signal(SignalKind.SimSwap);
        account.Advance(TimeSpan.FromHours(71));

        account.Fails(new StartRecovery(Actors.Recovery, channel), DomainErrorCode.FailedPrecondition);
        account.StartRecovery(RecoveryChannel.Email);
        account.Advance(TimeSpan.FromHours(1));

        account.StartRecovery(channel);
    }

    [Fact]
    public void CompleteRecovery_RightCode_LiftsOnlyRecoverableLocksAndResetsTheAccount()
    {
        var account = new AccountHarness();
        var compromised = account.Lock(LockReason.Compromised);
        var suspicious = account.Lock(LockReason.SuspiciousActivity);
        account.Signal(SignalKind.FailedLogin, times: 10);
        var kept = new[] { LockReason.Impersonation, LockReason.DeceptiveIdentity, LockReason.PolicyViolation, LockReason.UserRequested }
            .Select(r => account.Lock(r)).ToArray();
        account.Signal(SignalKind.CredentialLeaked);
        var attempt = account.StartRecovery();
        account.Advance(TimeSpan.FromMinutes(3));

        var outcome = account.Ok<RecoveryCompletionOutcome>(new CompleteRecovery(Actors.Recovery, attempt.AttemptId, attempt.Code!));

        Assert.Equal(RecoveryCompletionStatus.Completed, outcome.Status);
        Assert.Equal(3, outcome.LiftedLockIds.Count);
        Assert.Contains(compromised, outcome.LiftedLockIds);
        Assert.Contains(suspicious, outcome.LiftedLockIds);
        Assert.Equal(kept, account.State.ActiveLocks(account.Now).Select(l => l.LockId));
        Assert.False(account.State.CredentialCompromised);
        Assert.True(account.State.CredentialResetRequired);
        Assert.Equal(RiskLevel.Low, account.State.RiskAt(account.Now));
        Assert.Equal(account.Now, account.State.SessionsValidAfter);
        Assert.Equal(account.Now, account.Verify().SessionsValidAfter);
        Assert.Null(account.State.GetRecoveryStatus(account.Now, account.Options).OpenAttemptId);
    }

    [Fact]
    public void CompleteRecovery_SameCodeTwice_SecondIsNotFound()
    {
        var account = new AccountHarness();
        var attempt = account.StartRecovery();
        account.Ok<RecoveryCompletionOutcome>(new CompleteRecovery(Actors.Recovery, attempt.AttemptId, attempt.Code!));

        account.Fails(new CompleteRecovery(Actors.Recovery, attempt.AttemptId, attempt.Code!), DomainErrorCode.NotFound);
    }

    [Fact]
    public void CompleteRecovery_WrongCode_CountsTriesAndFifthBurnsTheAttempt()
    {
        var account = new AccountHarness();
        var attempt = account.StartRecovery();
        var wrong = attempt.Code == "000000" ? "111111" : "000000";
        var tries = new List<int>();

        for (var i = 0; i < 4; i++)
        {
            var outcome = account.Ok<RecoveryCompletionOutcome>(new CompleteRecovery(Actors.Recovery, attempt.AttemptId, wrong));
            Assert.Equal(RecoveryCompletionStatus.WrongCode, outcome.Status);
            tries.Add(outcome.TriesLeft);
        }

        var last = account.Ok<RecoveryCompletionOutcome>(new CompleteRecovery(Actors.Recovery, attempt.AttemptId, wrong));

        Assert.Equal([4, 3, 2, 1], tries);
        Assert.Equal(RecoveryCompletionStatus.AttemptBurned, last.Status);
        Assert.IsType<RecoveryAttemptBurned>(account.History[^1]);
        account.Fails(new CompleteRecovery(Actors.Recovery, attempt.AttemptId, attempt.Code!), DomainErrorCode.NotFound);
    }

    [Fact]
    public void CompleteRecovery_AfterTenMinutes_IsFailedPrecondition_AndTheTimerExpiresTheAttempt()
    {
        var account = new AccountHarness();
        var attempt = account.StartRecovery();
        Assert.Equal(attempt.ExpiresAt, account.State.NextDeadline);
        account.Advance(TimeSpan.FromMinutes(10));

        account.Fails(new CompleteRecovery(Actors.Recovery, attempt.AttemptId, attempt.Code!), DomainErrorCode.FailedPrecondition);
        var expiry = account.ExpireDue();

        Assert.Equal(attempt.AttemptId, expiry.ExpiredAttemptId);
        Assert.Null(account.State.NextDeadline);
        account.Fails(new CompleteRecovery(Actors.Recovery, attempt.AttemptId, attempt.Code!), DomainErrorCode.NotFound);
    }

    [Fact]
    public void CompleteRecovery_EmptyCode_IsInvalidArgumentAndNotCounted()
    {
        var account = new AccountHarness();
        var attempt = account.StartRecovery();

        account.Fails(new CompleteRecovery(Actors.Recovery, attempt.AttemptId, ""), DomainErrorCode.InvalidArgument);

        Assert.Equal(0, account.State.GetRecoveryStatus(account.Now, account.Options).FailedTries);
    }

    [Fact]
    public void CompleteRecovery_SuccessResetsBruteForceDoubling()
    {
        var account = new AccountHarness();
        account.Signal(SignalKind.FailedLogin, times: 10);
        var attempt = account.StartRecovery();
        account.Ok<RecoveryCompletionOutcome>(new CompleteRecovery(Actors.Recovery, attempt.AttemptId, attempt.Code!));

        account.Signal(SignalKind.FailedLogin, times: 10);

        Assert.Equal(account.Now + TimeSpan.FromMinutes(15), Assert.Single(account.State.ActiveLocks(account.Now)).ExpiresAt);
    }

    [Fact]
    public void CredentialReset_AfterRecovery_ClearsTheResetRequirement()
    {
        var account = new AccountHarness();
        var attempt = account.StartRecovery();
        account.Ok<RecoveryCompletionOutcome>(new CompleteRecovery(Actors.Recovery, attempt.AttemptId, attempt.Code!));
        Assert.True(account.Verify().Reasons.HasFlag(VerifyReasons.CredentialResetRequired));

        account.Signal(SignalKind.CredentialReset);

        Assert.False(account.State.CredentialResetRequired);
        Assert.Equal(VerifyReasons.None, account.Verify().Reasons);
    }

    [Fact]
    public void RecoveryStartedOutcome_ToString_NeverShowsTheCode()
    {
        var account = new AccountHarness();

        var outcome = account.StartRecovery();

        Assert.DoesNotContain(outcome.Code!, outcome.ToString(), StringComparison.Ordinal);
    }
}
