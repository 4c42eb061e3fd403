using A = AccountGrains.Abstractions;
using D = AccountGrains.Domain;

namespace AccountGrains.Grains;

/// <summary>
/// Enum conversions between the grain interface's types and the domain's. Both sides number their members
/// alike, but every conversion is checked: a value a client sends that the interface does not define is a
/// refusal (INVALID_ARGUMENT), and a domain value with no interface member is a bug (never sent out unchecked).
/// </summary>
internal static class EnumMapping
{
    public static D.VerifyAction ToDomain(A.VerifyAction action) =>
        action is >= A.VerifyAction.Login and <= A.VerifyAction.Recover ? (D.VerifyAction)(int)action : throw Unknown(nameof(A.VerifyAction));

    public static D.ActorRole ToDomain(A.CallerRole role) =>
        Enum.IsDefined(role) ? (D.ActorRole)(int)role : throw Unknown(nameof(A.CallerRole));

    public static D.LockReason ToDomain(A.LockReason reason) =>
        Enum.IsDefined(reason) ? (D.LockReason)(int)reason : throw Unknown(nameof(A.LockReason));

    public static D.SignalKind ToDomain(A.SignalKind kind) =>
        Enum.IsDefined(kind) ? (D.SignalKind)(int)kind : throw Unknown(nameof(A.SignalKind));

    public static D.RecoveryChannel ToDomain(A.RecoveryChannel channel) =>
        Enum.IsDefined(channel) ? (D.RecoveryChannel)(int)channel : throw Unknown(nameof(A.RecoveryChannel));

    public static D.UnlockScope ToDomain(A.UnlockScope scope) =>
        Enum.IsDefined(scope) ? (D.UnlockScope)(int)scope : throw Unknown(nameof(A.UnlockScope));

    public static A.VerifyDecision ToAbstractions(D.VerifyDecision decision) =>
        decision is >= D.VerifyDecision.Allow and <= D.VerifyDecision.Deny ? (A.VerifyDecision)(int)decision : throw Unmapped(decision);

    // The flags are the same bits on both sides (a test pins every one), so this is a cast.
    public static A.VerifyReasons ToAbstractions(D.VerifyReasons reasons) => (A.VerifyReasons)(int)reasons;

    public static A.LockReason ToAbstractions(D.LockReason reason) =>
        D.LockReasons.IsDefined(reason) ? (A.LockReason)(int)reason : throw Unmapped(reason);

    public static A.RecoveryChannel ToAbstractions(D.RecoveryChannel channel) =>
        Enum.IsDefined(channel) ? (A.RecoveryChannel)(int)channel : throw Unmapped(channel);

    public static A.RiskLevel ToAbstractions(D.RiskLevel risk) =>
        Enum.IsDefined(risk) ? (A.RiskLevel)(int)risk : throw Unmapped(risk);

    public static A.BadgeStatus ToAbstractions(D.BadgeStatus status) =>
        Enum.IsDefined(status) ? (A.BadgeStatus)(int)status : throw Unmapped(status);

    public static A.RecoveryCompletionStatus ToAbstractions(D.RecoveryCompletionStatus status) =>
        Enum.IsDefined(status) ? (A.RecoveryCompletionStatus)(int)status : throw Unmapped(status);

    public static A.RefusalCode ToAbstractions(D.DomainErrorCode code) =>
        Enum.IsDefined(code) ? (A.RefusalCode)(int)code : throw Unmapped(code);

    private static A.AccountRefusedException Unknown(string type) =>
        new(A.RefusalCode.InvalidArgument, $"The {type} value is not one this service knows.");

    private static InvalidOperationException Unmapped<T>(T value)
        where T : struct, Enum => new($"The domain's {typeof(T).Name} value {value} has no counterpart in the grain interface.");
}
