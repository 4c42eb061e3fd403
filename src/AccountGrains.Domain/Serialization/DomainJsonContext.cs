using System.Text.Json;
using System.Text.Json.Serialization;

namespace AccountGrains.Domain;

/// <summary>Source-generated JSON for event payloads, public renderings and snapshots. Enums as <c>UPPER_SNAKE</c> names, nulls omitted.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [
        typeof(UpperSnakeEnumConverter<LockReason>),
        typeof(UpperSnakeEnumConverter<SignalKind>),
        typeof(UpperSnakeEnumConverter<RiskLevel>),
        typeof(UpperSnakeEnumConverter<RecoveryChannel>),
        typeof(UpperSnakeEnumConverter<LiftCause>),
        typeof(UpperSnakeEnumConverter<BadgeStatus>),
        typeof(UpperSnakeEnumConverter<ActorRole>),
        typeof(UpperSnakeEnumConverter<DualControlAction>),
        typeof(UpperSnakeEnumConverter<UnlockScope>),
        typeof(UpperSnakeEnumConverter<AppealDecision>),
        typeof(UpperSnakeEnumConverter<FeedbackLabel>),
        typeof(UpperSnakeEnumConverter<AuditVerdict>)])]
[JsonSerializable(typeof(LockPlaced))]
[JsonSerializable(typeof(LockLifted))]
[JsonSerializable(typeof(LockExpired))]
[JsonSerializable(typeof(SignalRecorded))]
[JsonSerializable(typeof(RecoveryStarted))]
[JsonSerializable(typeof(RecoveryCodeRejected))]
[JsonSerializable(typeof(RecoveryAttemptBurned))]
[JsonSerializable(typeof(RecoveryAttemptExpired))]
[JsonSerializable(typeof(RecoveryCompleted))]
[JsonSerializable(typeof(SessionsRevoked))]
[JsonSerializable(typeof(VerificationGranted))]
[JsonSerializable(typeof(VerificationRevoked))]
[JsonSerializable(typeof(HighProfileChanged))]
[JsonSerializable(typeof(DualControlRequested))]
[JsonSerializable(typeof(DualControlApproved))]
[JsonSerializable(typeof(DualControlRejected))]
[JsonSerializable(typeof(DualControlLapsed))]
[JsonSerializable(typeof(AppealFiled))]
[JsonSerializable(typeof(AppealDecided))]
[JsonSerializable(typeof(AutomaticLockLabelled))]
[JsonSerializable(typeof(AuditVerdictRecorded))]
[JsonSerializable(typeof(PublicRecoveryStarted))]
[JsonSerializable(typeof(SnapshotDocument))]
internal sealed partial class DomainJsonContext : JsonSerializerContext;

/// <summary>Enum values as <c>UPPER_SNAKE</c> names (as DOMAIN.md writes them); numbers are refused so history stays readable.</summary>
internal sealed class UpperSnakeEnumConverter<T>() : JsonStringEnumConverter<T>(JsonNamingPolicy.SnakeCaseUpper, allowIntegerValues: false)
    where T : struct, Enum;

/// <summary>The public rendering of <see cref="RecoveryStarted"/>: no hash, no salt.</summary>
internal sealed record PublicRecoveryStarted(string AttemptId, RecoveryChannel Channel, DateTimeOffset ExpiresAt, string? ReplacedAttemptId);
