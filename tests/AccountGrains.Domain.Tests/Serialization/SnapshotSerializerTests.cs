using System.Text;
using AccountGrains.Domain.Tests.Support;

namespace AccountGrains.Domain.Tests.Serialization;

public sealed class SnapshotSerializerTests
{
    [Fact]
    public void Snapshot_OfFreshState_IsSmallAndRoundTrips()
    {
        var bytes = AccountSnapshotSerializer.Serialize(new AccountState());

        var back = AccountSnapshotSerializer.Deserialize(bytes);

        Assert.Equal(0, back.Version);
        Assert.Equal(bytes, AccountSnapshotSerializer.Serialize(back));
        Assert.True(bytes.Length < 256, Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Snapshot_OfBusyState_RoundTripsExactlyAndKeepsBehaviour()
    {
        var account = new AccountHarness();
        account.Ok<HighProfileOutcome>(new SetHighProfile(Actors.Admin, true));
        account.Signal(SignalKind.SuccessfulLogin, "laptop");
        account.Lock(LockReason.PolicyViolation, TimeSpan.FromHours(3));
        account.Signal(SignalKind.FailedLogin, times: 4);
        account.Signal(SignalKind.SimSwap);
        var attempt = account.StartRecovery();
        account.Ok<RecoveryCompletionOutcome>(new CompleteRecovery(Actors.Recovery, attempt.AttemptId, "999999x"));
        account.Ok<LockOutcome>(new LockAccount(Actors.Agent, LockReason.UserRequested) { IdempotencyKey = "k-1" });

        var bytes = AccountSnapshotSerializer.Serialize(account.State);
        var back = AccountSnapshotSerializer.Deserialize(bytes);

        Assert.Equal(bytes, AccountSnapshotSerializer.Serialize(back));
        Assert.Equal(account.State.Version, back.Version);
        Assert.Equal(account.Verify(deviceId: "laptop"), back.Verify(VerifyAction.Login, "laptop", account.Now));
        Assert.Equal(account.State.NextDeadline, back.NextDeadline);
        var replay = AccountDecider.Decide(back, new LockAccount(Actors.Agent, LockReason.UserRequested) { IdempotencyKey = "k-1" }, account.Context);
        Assert.True(replay.Outcome!.Replayed);
        var complete = AccountDecider.Decide(back, new CompleteRecovery(Actors.Recovery, attempt.AttemptId, attempt.Code!), account.Context);
        Assert.Equal(RecoveryCompletionStatus.Completed, Assert.IsType<RecoveryCompletionOutcome>(complete.Outcome).Status);
    }

    [Fact]
    public void Snapshot_OfAnotherFormat_IsRefused()
    {
        Assert.Throws<NotSupportedException>(() => AccountSnapshotSerializer.Deserialize("""{"format":99,"version":1}"""u8));
    }
}
