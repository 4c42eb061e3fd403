using AccountGrains.Abstractions;
using AccountGrains.Domain;
using Microsoft.AspNetCore.Authorization;

namespace AccountGrains.Gateway;

/// <summary>
/// One authorization policy per operation of DOMAIN.md's table, each deciding by the domain's
/// <see cref="Permissions"/> (the one source of truth, which the grain applies again). Service methods name
/// theirs with <c>[Authorize(Policy = GatewayPolicies.X)]</c>.
/// </summary>
internal static class GatewayPolicies
{
    private const string Prefix = "accountgrains.";

    public const string Verify = Prefix + nameof(Operation.Verify);
    public const string ReportSignal = Prefix + nameof(Operation.ReportSignal);
    public const string Lock = Prefix + nameof(Operation.Lock);
    public const string Unlock = Prefix + nameof(Operation.Unlock);
    public const string StartRecovery = Prefix + nameof(Operation.StartRecovery);
    public const string CompleteRecovery = Prefix + nameof(Operation.CompleteRecovery);
    public const string GrantVerification = Prefix + nameof(Operation.GrantVerification);
    public const string RevokeVerification = Prefix + nameof(Operation.RevokeVerification);
    public const string SetHighProfile = Prefix + nameof(Operation.SetHighProfile);
    public const string GetAccount = Prefix + nameof(Operation.GetAccount);
    public const string GetHistory = Prefix + nameof(Operation.GetHistory);
    public const string ClusterAndReports = Prefix + nameof(Operation.ClusterAndReports);
    public const string Reports = Prefix + nameof(Operation.Reports);
    public const string WatchEvents = Prefix + nameof(Operation.WatchEvents);
    public const string ApproveRequest = Prefix + nameof(Operation.ApproveRequest);
    public const string RejectRequest = Prefix + nameof(Operation.RejectRequest);
    public const string FileAppeal = Prefix + nameof(Operation.FileAppeal);
    public const string DecideAppeal = Prefix + nameof(Operation.DecideAppeal);
    public const string LabelAutomaticLock = Prefix + nameof(Operation.LabelAutomaticLock);

    public const string VerifyHistory = Prefix + nameof(Operation.VerifyHistory);
    public const string ListAuditQueue = Prefix + nameof(Operation.ListAuditQueue);
    public const string RecordAuditVerdict = Prefix + nameof(Operation.RecordAuditVerdict);
    public const string ListPendingRequests = Prefix + nameof(Operation.ListPendingRequests);
    public const string ListOpenAppeals = Prefix + nameof(Operation.ListOpenAppeals);

    /// <summary>The policy of an operation.</summary>
    public static string For(Operation operation) => Prefix + operation;

    /// <summary>Adds a policy for every operation a caller may be granted (the timer's expiry is the system's alone).</summary>
    public static void AddTo(AuthorizationOptions options)
    {
        foreach (var operation in Enum.GetValues<Operation>().Where(o => o != Operation.ExpireDue))
        {
            // No scheme named here: the authentication middleware has already run the default (gateway) scheme, and
            // naming it again would make the evaluator merge a new principal on every call.
            options.AddPolicy(For(operation), policy =>
            {
                policy.RequireAuthenticatedUser();

                // An operation every caller role may call (Verify, GetAccount) needs only an authenticated caller: the
                // table is still the one source, and Verify, the hot path, skips a handler per call.
                if (!Enum.GetValues<CallerRole>().All(role => Permissions.IsAllowed((ActorRole)(int)role, operation)))
                {
                    policy.AddRequirements(new OperationRequirement(operation));
                }
            });
        }
    }
}

/// <summary>The caller's role must be allowed <see cref="Operation"/> by <see cref="Permissions"/>.</summary>
internal sealed record OperationRequirement(Operation Operation) : IAuthorizationRequirement;

/// <summary>Checks <see cref="OperationRequirement"/>; a refusal names the role and the operation.</summary>
internal sealed class OperationAuthorizationHandler : AuthorizationHandler<OperationRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationRequirement requirement)
    {
        if (context.User.Identity is CallerIdentity { Caller: var caller })
        {
            if (Permissions.IsAllowed((ActorRole)(int)caller.Role, requirement.Operation))
            {
                context.Succeed(requirement);
            }
            else
            {
                context.Fail(new AuthorizationFailureReason(this, $"The role '{GatewayClaims.RoleName(caller.Role)}' may not call {requirement.Operation}."));
            }
        }

        return Task.CompletedTask;
    }
}
