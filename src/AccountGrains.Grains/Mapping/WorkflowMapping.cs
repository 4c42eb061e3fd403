using A = AccountGrains.Abstractions;
using D = AccountGrains.Domain;

namespace AccountGrains.Grains;

/// <summary>The workflow types between the domain and the grain interface; enum values checked as in <see cref="EnumMapping"/>.</summary>
internal static class WorkflowMapping
{
    public static D.AppealDecision ToDomain(A.AppealDecision decision) =>
        Enum.IsDefined(decision) ? (D.AppealDecision)(int)decision : throw Unknown(nameof(A.AppealDecision));

    public static D.FeedbackLabel ToDomain(A.FeedbackLabel label) =>
        Enum.IsDefined(label) ? (D.FeedbackLabel)(int)label : throw Unknown(nameof(A.FeedbackLabel));

    public static D.AuditVerdict ToDomain(A.AuditVerdict verdict) =>
        Enum.IsDefined(verdict) ? (D.AuditVerdict)(int)verdict : throw Unknown(nameof(A.AuditVerdict));

    public static A.AuditVerdict ToAbstractions(D.AuditVerdict verdict) => (A.AuditVerdict)(int)Defined(verdict);

    public static A.AppealDecision ToAbstractions(D.AppealDecision decision) => (A.AppealDecision)(int)Defined(decision);

    public static A.FeedbackLabel ToAbstractions(D.FeedbackLabel label) => (A.FeedbackLabel)(int)Defined(label);

    public static A.DualControlRequest ToRequest(D.PendingRequest r) =>
        new(r.RequestId, (A.DualControlAction)(int)Defined(r.Action), r.RequestedBy, r.RequestedAt, r.ExpiresAt, r.Reason, r.LockIds ?? []);

    public static A.Appeal ToAppeal(D.OpenAppeal a) => new(a.AppealId, a.LockId, a.FiledBy, a.FiledAt, a.Statement);

    /// <summary>The posture with the view's workflow parts.</summary>
    public static A.AccountPosture WithWorkflows(A.AccountPosture posture, D.AccountView view) => posture with
    {
        PendingRequests = [.. view.PendingRequests.Select(ToRequest)],
        OpenAppeals = [.. view.OpenAppeals.Select(ToAppeal)],
        AutomaticLocks = [.. view.AutomaticLocks.Select(l => new A.AutomaticLockInfo(l.LockId, EnumMapping.ToAbstractions(l.Rule), l.PlacedAt, l.Label is { } label ? ToAbstractions(label) : null))],
    };

    private static T Defined<T>(T value)
        where T : struct, Enum => Enum.IsDefined(value) ? value : throw new InvalidOperationException($"The domain's {typeof(T).Name} value {value} has no counterpart in the grain interface.");

    private static A.AccountRefusedException Unknown(string type) =>
        new(A.RefusalCode.InvalidArgument, $"The {type} value is not one this service knows.");
}
