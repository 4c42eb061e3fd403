using AccountGrains.Api.Tests.Support;
using AccountGrains.Contracts.V1;
using Action = AccountGrains.Contracts.V1.Action;

namespace AccountGrains.Api.Tests.Scenarios;

/// <summary>Each RPC through the typed client, and what GetAccount / GetHistory must never show.</summary>
[Collection(ApiSiloCollection.Name)]
public sealed class EveryMethodTests(ApiSilo silo)
{
    [Fact]
    public async Task EveryMethod_ThroughTheClient_DoesWhatItsNameSays()
    {
        var id = ApiSilo.NewAccount("every");
        var platform = silo.Client("platform");
        var agent = silo.Client("agent");
        var recovery = silo.Client("recovery");

        var fresh = await platform.VerifyAsync(new VerifyRequest { AccountId = id, Action = Action.Sensitive, DeviceId = "phone-1" });
        var signal = await platform.ReportSignalAsync(new ReportSignalRequest { AccountId = id, Kind = SignalKind.SuccessfulLogin, DeviceId = "phone-1" });
        var locked = await agent.LockAsync(new LockRequest { AccountId = id, Reason = LockReason.PolicyViolation, Note = "spam" });
        var unlocked = await agent.UnlockAsync(new UnlockRequest { AccountId = id, Reason = LockReason.PolicyViolation });
        var started = await recovery.StartRecoveryAsync(new StartRecoveryRequest { AccountId = id, Channel = RecoveryChannel.Email });
        var completed = await recovery.CompleteRecoveryAsync(new CompleteRecoveryRequest { AccountId = id, AttemptId = started.AttemptId, Code = started.Code });
        var granted = await agent.GrantVerificationAsync(new GrantVerificationRequest { AccountId = id, Category = "creator" });
        var revoked = await agent.RevokeVerificationAsync(new RevokeVerificationRequest { AccountId = id, Reason = "impersonation report" });
        var flagged = await silo.Client("admin").SetHighProfileAsync(new SetHighProfileRequest { AccountId = id, HighProfile = true });
        var account = await platform.GetAccountAsync(new GetAccountRequest { AccountId = id });
        var page = await agent.GetHistoryAsync(new GetHistoryRequest { AccountId = id, PageSize = 1000 });

        Assert.Equal(Decision.Allow, fresh.Decision);
        Assert.Equal(0, fresh.Version);
        Assert.Contains("phone-1", signal.Account.KnownDevices);
        Assert.Equal(AccountStatus.Locked, locked.Account.Status);
        Assert.Equal("spam", Assert.Single(locked.Account.Locks).Note);
        Assert.Equal(AccountStatus.Active, unlocked.Account.Status);
        Assert.Matches("^[0-9]{6}$", started.Code);
        Assert.True(completed.Restored);
        Assert.Equal(BadgeState.Verified, granted.Account.Badge.State);
        Assert.Equal(BadgeState.Revoked, revoked.Account.Badge.State);
        Assert.True(flagged.Account.HighProfile);
        Assert.Equal(flagged.Version, account.Version);
        Assert.Equal(id, account.AccountId);
        Assert.Equal(account.Version, page.Events[^1].Seq);
        Assert.False(page.HasMore);
        Assert.Equal(
            ["SignalRecorded", "LockPlaced", "LockLifted", "RecoveryStarted", "RecoveryCompleted", "VerificationGranted", "VerificationRevoked", "HighProfileChanged"],
            page.Events.Select(e => e.Type).Where(t => t != "SessionsRevoked").Distinct());
    }

    [Fact]
    public async Task ReadHistory_WithSmallPages_ReadsEveryEventInOrder()
    {
        var id = ApiSilo.NewAccount("paged");
        var agent = silo.Client("agent");
        for (var i = 0; i < 5; i++)
        {
            var placed = await agent.LockAsync(id, LockReason.PolicyViolation);
            await agent.UnlockAsync(id, placed.LockId);
        }

        var events = await agent.ReadHistoryAsync(id, pageSize: 3).ToListAsync();

        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), events.Select(e => e.Seq));
    }

    [Fact]
    public async Task GetAccountAndGetHistory_NeverContainTheRecoveryCode()
    {
        var id = ApiSilo.NewAccount("secret");
        var recovery = silo.Client("recovery");
        var started = await recovery.StartRecoveryAsync(new StartRecoveryRequest { AccountId = id, Channel = RecoveryChannel.Email });
        var wrong = started.Code == "000000" ? "111111" : "000000";
        await recovery.CompleteRecoveryAsync(new CompleteRecoveryRequest { AccountId = id, AttemptId = started.AttemptId, Code = wrong });

        var account = await recovery.GetAccountAsync(id);
        var history = await silo.Client("admin").ReadHistoryAsync(id).ToListAsync();

        Assert.True(account.Recovery.Open);
        Assert.Equal(started.AttemptId, account.Recovery.AttemptId);
        Assert.DoesNotContain($"\"{started.Code}\"", account.ToString(), StringComparison.Ordinal);
        Assert.NotEmpty(history);
        Assert.All(history, e =>
        {
            Assert.DoesNotContain($"\"{started.Code}\"", e.DataJson, StringComparison.Ordinal);
            Assert.DoesNotContain("hash", e.DataJson, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("salt", e.DataJson, StringComparison.OrdinalIgnoreCase);
        });
    }
}
