using AccountGrains.Domain.Tests.Support;

namespace AccountGrains.Domain.Tests.Rules;

/// <summary>The OpenID Shared Signals types the event stream carries, on events the decider really writes.</summary>
public sealed class SharedSignalsTests
{
    [Fact]
    public void Lock_OnAnActiveAccount_IsAccountDisabled_AndASecondLockIsNot()
    {
        var account = new AccountHarness();
        account.Lock(LockReason.PolicyViolation);
        account.Lock(LockReason.Impersonation);

        Assert.Equal([SharedSignals.AccountDisabled], SharedSignals.TypesFor(account.History[0]));
        Assert.Empty(SharedSignals.TypesFor(account.History[1]));
    }

    [Fact]
    public void CompromisedLock_AlsoRecordsACredentialCompromise()
    {
        var account = new AccountHarness();
        account.Lock(LockReason.Compromised);
        account.Lock(LockReason.Compromised);

        Assert.Equal([SharedSignals.AccountDisabled, SharedSignals.CredentialCompromise], SharedSignals.TypesFor(account.History[0]));
        Assert.Equal([SharedSignals.CredentialCompromise], SharedSignals.TypesFor(account.History[1]));
    }

    [Fact]
    public void Unlock_IsAccountEnabled_OnlyWhenTheLastLockLifts()
    {
        var account = new AccountHarness();
        var first = account.Lock(LockReason.PolicyViolation);
        account.Lock(LockReason.UserRequested);

        account.Ok<UnlockOutcome>(new UnlockAccount(Actors.Agent, UnlockScope.ById, LockId: first));
        Assert.Empty(SharedSignals.TypesFor(account.History[^1]));

        account.Lock(LockReason.SuspiciousActivity);
        account.Ok<UnlockOutcome>(new UnlockAccount(Actors.Agent, UnlockScope.All));
        Assert.Empty(SharedSignals.TypesFor(account.History[^2]));
        Assert.Equal([SharedSignals.AccountEnabled], SharedSignals.TypesFor(account.History[^1]));
    }

    [Fact]
    public void Expiry_IsAccountEnabled_OnlyWhenNoLockRemains()
    {
        var account = new AccountHarness();
        account.Lock(LockReason.PolicyViolation, TimeSpan.FromHours(1));
        account.Lock(LockReason.UserRequested, TimeSpan.FromHours(2));

        account.Advance(TimeSpan.FromMinutes(90));
        account.ExpireDue();
        Assert.Empty(SharedSignals.TypesFor(account.History[^1]));

        account.Advance(TimeSpan.FromHours(1));
        account.ExpireDue();
        Assert.IsType<LockExpired>(account.History[^1]);
        Assert.Equal([SharedSignals.AccountEnabled], SharedSignals.TypesFor(account.History[^1]));
    }

    [Fact]
    public void LockPlaced_WhileAnExpiredLockAwaitsItsTimer_IsAccountDisabled()
    {
        var account = new AccountHarness();
        account.Lock(LockReason.PolicyViolation, TimeSpan.FromHours(1));
        account.Advance(TimeSpan.FromHours(2));

        account.Lock(LockReason.UserRequested);
        account.ExpireDue();

        Assert.Equal([SharedSignals.AccountDisabled], SharedSignals.TypesFor(account.History[1]));
        Assert.Empty(SharedSignals.TypesFor(account.History[2]));
    }

    [Fact]
    public void BruteForceLock_IsAccountDisabled_WrittenBySystem()
    {
        var account = new AccountHarness();
        account.Signal(SignalKind.FailedLogin, times: account.Options.BruteForceThreshold);

        var placed = Assert.IsType<LockPlaced>(account.History[^1]);
        Assert.Equal([SharedSignals.AccountDisabled], SharedSignals.TypesFor(placed));
        Assert.Equal(ActorRole.System, placed.ActorRole);
    }

    [Fact]
    public void Signals_LeakedIsCredentialCompromise_ResetIsCaepCredentialChange()
    {
        var account = new AccountHarness();
        account.Signal(SignalKind.CredentialLeaked);
        account.Signal(SignalKind.CredentialReset);
        account.Signal(SignalKind.SuspiciousLogin);

        Assert.Equal([SharedSignals.CredentialCompromise], SharedSignals.TypesFor(account.History[0]));
        Assert.Equal([SharedSignals.CredentialChange], SharedSignals.TypesFor(account.History[1]));
        Assert.Empty(SharedSignals.TypesFor(account.History[2]));
    }

    [Fact]
    public void Recovery_StartIsRecoveryActivated_SuccessEnablesRevokesSessionsAndRequiresAChange()
    {
        var account = new AccountHarness();
        account.Lock(LockReason.Compromised);
        var attempt = account.StartRecovery();
        Assert.Equal([SharedSignals.RecoveryActivated], SharedSignals.TypesFor(account.History[^1]));
        var before = account.History.Count;

        account.Ok<RecoveryCompletionOutcome>(new CompleteRecovery(Actors.Recovery, attempt.AttemptId, attempt.Code!));

        var written = account.History.Skip(before).SelectMany(SharedSignals.TypesFor).ToList();
        Assert.Equal([SharedSignals.AccountEnabled, SharedSignals.CredentialChangeRequired, SharedSignals.SessionRevoked], written);
    }

    [Fact]
    public void LockEvents_WrittenBeforeTheFlags_DisableButNeverEnable()
    {
        Assert.Equal([SharedSignals.AccountDisabled], SharedSignals.TypesFor(new LockPlaced("lock-1", LockReason.PolicyViolation, null, null)));
        Assert.Empty(SharedSignals.TypesFor(new LockLifted("lock-1", LockReason.PolicyViolation, LiftCause.Manual)));
        Assert.Empty(SharedSignals.TypesFor(new LockExpired("lock-1", LockReason.PolicyViolation)));
    }

    [Fact]
    public void Events_CarryTheActorsRoleAndAgent_OutsideThePublicRendering()
    {
        var account = new AccountHarness();
        account.Lock(LockReason.PolicyViolation);
        var placed = account.History[0];

        Assert.Equal((ActorRole.Agent, "agent-7"), (placed.ActorRole!.Value, placed.OnBehalfOf));
        var stored = AccountEventSerializer.Deserialize(EventTypeNames.LockPlaced, AccountEventSerializer.SerializePayload(placed), placed.At, placed.Actor, placed.Reason);
        Assert.Equal(placed, stored);
        var rendered = System.Text.Encoding.UTF8.GetString(AccountEventSerializer.RenderPublic(placed));
        Assert.DoesNotContain("agent-7", rendered, StringComparison.Ordinal);
        Assert.DoesNotContain("AGENT", rendered, StringComparison.Ordinal);
    }
}
