using AccountGrains.Api.Tests.Support;
using AccountGrains.Contracts.V1;
using Action = AccountGrains.Contracts.V1.Action;

namespace AccountGrains.Api.Tests.Scenarios;

/// <summary>DOMAIN.md's rules as a caller sees them through <c>AccountIntegrityClient</c>, against the real silo.</summary>
[Collection(ApiSiloCollection.Name)]
public sealed class AccountRulesTests(ApiSilo silo)
{
    [Fact]
    public async Task Verify_WhenAccountIsLocked_IsDeniedExceptForRecovery()
    {
        var id = ApiSilo.NewAccount("locked");
        await silo.Client("agent").LockAsync(id, LockReason.Compromised);

        var login = await silo.Client("platform").VerifyAsync(id, Action.Login);
        var recover = await silo.Client("platform").VerifyAsync(id, Action.Recover);

        Assert.Equal(Decision.Deny, login.Decision);
        Assert.Contains("LOCKED", login.Reasons);
        Assert.NotEqual(Decision.Deny, recover.Decision);
    }

    [Fact]
    public async Task TemporaryLock_WhenItsDurationPasses_EndsByItself()
    {
        // Real time: the silo's clock is Orleans' (a manual clock would stop its timers too), so the lock is short.
        var id = ApiSilo.NewAccount("temporary");
        var platform = silo.Client("platform");
        var placed = await silo.Client("agent").LockAsync(id, LockReason.SuspiciousActivity, duration: TimeSpan.FromSeconds(2));
        var expiresAt = placed.Account.Locks.Single().ExpiresAt.ToDateTimeOffset();

        var before = await platform.VerifyAsync(id, Action.Login);
        var history = await Eventually.Async(() => History(id), h => h.Any(e => e.Type == "LockExpired"), TimeSpan.FromSeconds(30));
        var after = await platform.GetAccountAsync(id);

        Assert.True(before.Decision == Decision.Deny || DateTimeOffset.UtcNow >= expiresAt);
        Assert.Empty(after.Locks);
        Assert.Equal(AccountStatus.Active, after.Status);
        Assert.Equal(Decision.Allow, (await platform.VerifyAsync(id, Action.Login)).Decision);
        var expired = Assert.Single(history, e => e.Type == "LockExpired");
        Assert.Equal("system", expired.Actor);
        Assert.True(expired.At.ToDateTimeOffset() >= expiresAt, $"LockExpired at {expired.At} before the lock's end {expiresAt}");
    }

    [Fact]
    public async Task TenFailedLogins_PlaceAnAutomaticBruteForceLock()
    {
        var id = ApiSilo.NewAccount("brute");
        var platform = silo.Client("platform");
        for (var i = 0; i < 9; i++)
        {
            await platform.ReportSignalAsync(new ReportSignalRequest { AccountId = id, Kind = SignalKind.FailedLogin });
        }

        var afterNine = await platform.VerifyAsync(id, Action.Login);
        var tenth = await platform.ReportSignalAsync(new ReportSignalRequest { AccountId = id, Kind = SignalKind.FailedLogin });
        var afterTen = await platform.VerifyAsync(id, Action.Login);

        Assert.Equal(Decision.Allow, afterNine.Decision);
        Assert.Equal(Decision.Deny, afterTen.Decision);
        var automatic = Assert.Single(tenth.Account.Locks);
        Assert.Equal(LockReason.BruteForce, automatic.Reason);
        Assert.Equal("system", automatic.PlacedBy);
        Assert.Equal(TimeSpan.FromMinutes(15), automatic.ExpiresAt.ToDateTimeOffset() - automatic.PlacedAt.ToDateTimeOffset());
    }

    [Fact]
    public async Task CompleteRecovery_WithTheRightCode_AllowsTheAccountAgain()
    {
        var id = ApiSilo.NewAccount("recovered");
        var recovery = silo.Client("recovery");
        await silo.Client("agent").LockAsync(id, LockReason.Compromised);
        var started = await recovery.StartRecoveryAsync(new StartRecoveryRequest { AccountId = id, Channel = RecoveryChannel.Email });

        var completed = await recovery.CompleteRecoveryAsync(new CompleteRecoveryRequest { AccountId = id, AttemptId = started.AttemptId, Code = started.Code });
        var verdict = await silo.Client("platform").VerifyAsync(id, Action.Login);

        Assert.True(completed.Restored);
        Assert.Empty(completed.Account.Locks);
        Assert.True(completed.Account.CredentialResetRequired);
        Assert.Equal(Decision.Allow, verdict.Decision);
    }

    [Fact]
    public async Task CompleteRecovery_WithTheRightCode_LeavesAnImpersonationLockInForce()
    {
        var id = ApiSilo.NewAccount("impersonated");
        var agent = silo.Client("agent");
        var recovery = silo.Client("recovery");
        await agent.LockAsync(id, LockReason.Compromised);
        await agent.LockAsync(id, LockReason.Impersonation);
        var started = await recovery.StartRecoveryAsync(new StartRecoveryRequest { AccountId = id, Channel = RecoveryChannel.Email });

        var completed = await recovery.CompleteRecoveryAsync(new CompleteRecoveryRequest { AccountId = id, AttemptId = started.AttemptId, Code = started.Code });
        var verdict = await silo.Client("platform").VerifyAsync(id, Action.Login);

        Assert.True(completed.Restored);
        Assert.Equal(LockReason.Impersonation, Assert.Single(completed.Account.Locks).Reason);
        Assert.Equal(Decision.Deny, verdict.Decision);
    }

    [Fact]
    public async Task CompleteRecovery_AfterFiveWrongCodes_FindsTheAttemptBurnt()
    {
        var id = ApiSilo.NewAccount("burnt");
        var recovery = silo.Client("recovery");
        var started = await recovery.StartRecoveryAsync(new StartRecoveryRequest { AccountId = id, Channel = RecoveryChannel.Push });
        var wrong = ((int.Parse(started.Code, System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

        var triesLeft = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            var reply = await recovery.CompleteRecoveryAsync(new CompleteRecoveryRequest { AccountId = id, AttemptId = started.AttemptId, Code = wrong });
            Assert.False(reply.Restored);
            triesLeft.Add(reply.TriesLeft);
        }

        Assert.Equal([4, 3, 2, 1, 0], triesLeft);
        await Refused.WithAsync(StatusCode.NotFound, () =>
            recovery.CompleteRecoveryAsync(new CompleteRecoveryRequest { AccountId = id, AttemptId = started.AttemptId, Code = started.Code }));
        Assert.Contains(await History(id), e => e.Type == "RecoveryAttemptBurned");
    }

    [Fact]
    public async Task StartRecovery_AFourthTimeWithin24Hours_IsResourceExhausted()
    {
        var id = ApiSilo.NewAccount("limited");
        var recovery = silo.Client("recovery");
        var start = new StartRecoveryRequest { AccountId = id, Channel = RecoveryChannel.Email };
        for (var i = 0; i < 3; i++)
        {
            await recovery.StartRecoveryAsync(start);
        }

        // The window reopening after 24 h is the domain's rule on a manual clock (AccountGrains.Domain.Tests).
        var refused = await Refused.WithAsync(StatusCode.ResourceExhausted, () => recovery.StartRecoveryAsync(start));

        Assert.False(string.IsNullOrWhiteSpace(refused.Status.Detail));
        Assert.NotNull((await recovery.GetAccountAsync(id)).Recovery.BlockedUntil);
    }

    [Fact]
    public async Task Unlock_ByVendorOnHighProfileAccount_IsPermissionDenied()
    {
        var id = ApiSilo.NewAccount("vip");
        await silo.Client("admin").SetHighProfileAsync(new SetHighProfileRequest { AccountId = id, HighProfile = true });
        var placed = await silo.Client("agent").LockAsync(id, LockReason.PolicyViolation);

        await Refused.WithAsync(StatusCode.PermissionDenied, () => silo.Client("vendor").UnlockAsync(id, placed.LockId));
        var still = await silo.Client("platform").GetAccountAsync(id);
        // An agent's unlock of a high-profile account is under dual control: it opens a request a second person approves.
        var asked = await silo.Client("agent").UnlockAsync(id, placed.LockId);
        await silo.Client("admin").ApproveRequestAsync(new ApproveRequestRequest { AccountId = id, RequestId = asked.PendingRequest.RequestId });

        Assert.Equal(AccountStatus.Locked, still.Status);
        Assert.Equal(AccountStatus.Locked, asked.Account.Status);
        Assert.Equal(AccountStatus.Active, (await silo.Client("platform").GetAccountAsync(id)).Status);
    }

    [Fact]
    public async Task Unlock_ByVendorOnOrdinaryAccount_IsAllowed()
    {
        var id = ApiSilo.NewAccount("ordinary");
        var vendor = silo.Client("vendor");
        var placed = await vendor.LockAsync(id, LockReason.PolicyViolation);

        var unlocked = await vendor.UnlockAsync(id, placed.LockId);

        Assert.Empty(unlocked.Account.Locks);
    }

    [Fact]
    public async Task History_ShowsEachChangeWithItsActor()
    {
        var id = ApiSilo.NewAccount("audited");
        await silo.Client("platform").ReportSignalAsync(new ReportSignalRequest { AccountId = id, Kind = SignalKind.CredentialLeaked });
        var placed = await silo.Client("agent").LockAsync(id, LockReason.Compromised, note: "takeover");
        await silo.Client("vendor").UnlockAsync(id, placed.LockId);
        await silo.Client("admin").SetHighProfileAsync(new SetHighProfileRequest { AccountId = id, HighProfile = true });
        await silo.Client("recovery").StartRecoveryAsync(new StartRecoveryRequest { AccountId = id, Channel = RecoveryChannel.Email });

        var seen = (await History(id)).Select(e => $"{e.Type} by {e.Actor}");

        Assert.Equal(
            [
                $"SignalRecorded by {ApiKeys.ActorOf("platform")}",
                $"LockPlaced by {ApiKeys.ActorOf("agent")}",
                $"LockLifted by {ApiKeys.ActorOf("vendor")}",
                $"HighProfileChanged by {ApiKeys.ActorOf("admin")}",
                $"RecoveryStarted by {ApiKeys.ActorOf("recovery")}",
            ],
            seen);
    }

    private async Task<List<HistoryEvent>> History(string id) => await silo.Client("admin").ReadHistoryAsync(id).ToListAsync();
}
