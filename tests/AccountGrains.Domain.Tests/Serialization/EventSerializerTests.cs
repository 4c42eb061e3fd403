using System.Text;
using AccountGrains.Domain.Tests.Support;

namespace AccountGrains.Domain.Tests.Serialization;

public sealed class EventSerializerTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 4, 5, 6, 7, 891, TimeSpan.Zero);

    public static TheoryData<AccountEvent> EveryEventType() =>
    [
        new LockPlaced("lock-3", LockReason.BruteForce, At.AddMinutes(15), "10 failed logins", 2) { IdempotencyKey = "k" },
        new LockLifted("lock-3", LockReason.Compromised, LiftCause.Recovery),
        new LockExpired("lock-3", LockReason.UserRequested),
        new SignalRecorded(SignalKind.SimSwap, RiskLevel.High, "dev-1", At.AddDays(7), At.AddMinutes(-15), "dev-0", At.AddHours(72)),
        new RecoveryStarted("a1b2", RecoveryChannel.Sms, [1, 2, 3], [4, 5, 6], At.AddMinutes(10), At.AddDays(-1), "prev"),
        new RecoveryCodeRejected("a1b2", 3),
        new RecoveryAttemptBurned("a1b2"),
        new RecoveryAttemptExpired("a1b2"),
        new RecoveryCompleted("a1b2"),
        new SessionsRevoked(At),
        new VerificationGranted("journalist"),
        new VerificationRevoked("IMPERSONATION", "lock-9"),
        new HighProfileChanged(true),
    ];

    [Theory]
    [MemberData(nameof(EveryEventType))]
    public void Serialize_ThenDeserialize_GivesTheSameEventAndBytes(AccountEvent evt)
    {
        var withEnvelope = evt with { At = At, Actor = "console/agent-7", Reason = "why" };
        var type = AccountEventSerializer.TypeOf(withEnvelope);
        var payload = AccountEventSerializer.SerializePayload(withEnvelope);

        var back = AccountEventSerializer.Deserialize(type, payload, At, "console/agent-7", "why");

        Assert.Equal(withEnvelope.GetType(), back.GetType());
        Assert.Equal(type, back.GetType().Name);
        Assert.Equal(payload, AccountEventSerializer.SerializePayload(back));
        Assert.Equal((At, "console/agent-7", "why", evt.IdempotencyKey), (back.At, back.Actor, back.Reason, back.IdempotencyKey));
        if (evt is not RecoveryStarted)
        {
            Assert.Equal(withEnvelope, back);
        }
    }

    [Fact]
    public void SerializePayload_KeepsTheEnvelopeOutAndWritesEnumsAsUpperSnake()
    {
        var evt = new LockPlaced("lock-1", LockReason.DeceptiveIdentity, null, "note") { At = At, Actor = "x", Reason = "r" };

        var json = Encoding.UTF8.GetString(AccountEventSerializer.SerializePayload(evt));

        Assert.Equal("""{"lockId":"lock-1","lockReason":"DECEPTIVE_IDENTITY","note":"note"}""", json);
    }

    [Fact]
    public void RenderPublic_RecoveryStarted_LeavesOutHashSaltAndKey()
    {
        var evt = new RecoveryStarted("a1b2", RecoveryChannel.Email, [9, 9, 9], [8, 8, 8], At, At) { IdempotencyKey = "secret-ish" };

        var json = Encoding.UTF8.GetString(AccountEventSerializer.RenderPublic(evt));

        Assert.Equal("""{"attemptId":"a1b2","channel":"EMAIL","expiresAt":"2026-03-04T05:06:07.891+00:00"}""", json);
    }

    [Fact]
    public void RenderPublic_FromStoredPayload_LeavesOutHashAndSalt()
    {
        var payload = AccountEventSerializer.SerializePayload(new RecoveryStarted("a1b2", RecoveryChannel.Push, [9], [8], At, At));

        var json = Encoding.UTF8.GetString(AccountEventSerializer.RenderPublic(EventTypeNames.RecoveryStarted, payload));

        Assert.DoesNotContain("salt", json, StringComparison.Ordinal);
        Assert.Contains("\"PUSH\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void RenderPublic_OtherEvents_LeaveOutTheIdempotencyKey()
    {
        var evt = new HighProfileChanged(true) { IdempotencyKey = "k-1" };

        var json = Encoding.UTF8.GetString(AccountEventSerializer.RenderPublic(evt));

        Assert.Equal("""{"highProfile":true}""", json);
    }

    [Fact]
    public void Deserialize_UnknownType_Throws()
    {
        Assert.Throws<NotSupportedException>(() => AccountEventSerializer.Deserialize("LockMelted", "{}"u8, At, "x", null));
    }

    [Fact]
    public void Deserialize_NumericEnum_IsRefused()
    {
        Assert.ThrowsAny<System.Text.Json.JsonException>(() =>
            AccountEventSerializer.Deserialize(EventTypeNames.LockExpired, """{"lockId":"l","lockReason":3}"""u8, At, "x", null));
    }

    [Fact]
    public void Replay_OfSerializedHistory_EqualsTheLiveState()
    {
        var account = new AccountHarness();
        account.Ok<VerificationOutcome>(new GrantVerification(Actors.Agent, "journalist"));
        account.Lock(LockReason.Impersonation, TimeSpan.FromDays(1));
        account.Signal(SignalKind.FailedLogin, times: 10);
        account.Signal(SignalKind.SimSwap, "phone");
        var attempt = account.StartRecovery();
        account.Ok<RecoveryCompletionOutcome>(new CompleteRecovery(Actors.Recovery, attempt.AttemptId, attempt.Code!) { IdempotencyKey = "c-1" });

        var replayed = AccountState.Replay(account.History.Select(e =>
            AccountEventSerializer.Deserialize(AccountEventSerializer.TypeOf(e), AccountEventSerializer.SerializePayload(e), e.At, e.Actor, e.Reason)));

        Assert.Equal(AccountSnapshotSerializer.Serialize(account.State), AccountSnapshotSerializer.Serialize(replayed));
    }
}
