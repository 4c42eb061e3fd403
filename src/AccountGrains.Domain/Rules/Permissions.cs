namespace AccountGrains.Domain;

/// <summary>The operations of DOMAIN.md's "who may call what" table.</summary>
public enum Operation
{
    /// <summary>Verify.</summary>
    Verify = 1,

    /// <summary>ReportSignal.</summary>
    ReportSignal = 2,

    /// <summary>Lock.</summary>
    Lock = 3,

    /// <summary>Unlock (a vendor additionally not on a high-profile account; <see cref="AccountDecider"/> checks that).</summary>
    Unlock = 4,

    /// <summary>StartRecovery.</summary>
    StartRecovery = 5,

    /// <summary>CompleteRecovery.</summary>
    CompleteRecovery = 6,

    /// <summary>GrantVerification.</summary>
    GrantVerification = 7,

    /// <summary>RevokeVerification.</summary>
    RevokeVerification = 8,

    /// <summary>SetHighProfile.</summary>
    SetHighProfile = 9,

    /// <summary>GetAccount.</summary>
    GetAccount = 10,

    /// <summary>GetHistory.</summary>
    GetHistory = 11,

    /// <summary>The cluster methods (ListSilos, ListActivations); named before reports had their own operation.</summary>
    ClusterAndReports = 12,

    /// <summary>The durable timer's expiry; only <see cref="ActorRole.System"/>.</summary>
    ExpireDue = 13,

    /// <summary>The report methods (GetReport): admin and auditor.</summary>
    Reports = 14,

    /// <summary>WatchEvents: the event stream of every account.</summary>
    WatchEvents = 15,

    /// <summary>ApproveRequest: a second person approves a dual-control request (never their own; never a vendor).</summary>
    ApproveRequest = 16,

    /// <summary>RejectRequest: a second person rejects a dual-control request (never their own; never a vendor).</summary>
    RejectRequest = 17,

    /// <summary>FileAppeal: the owner contests a lock, through a platform service.</summary>
    FileAppeal = 18,

    /// <summary>DecideAppeal: an agent upholds or overturns an appeal.</summary>
    DecideAppeal = 19,

    /// <summary>LabelAutomaticLock: an agent labels an automatic lock a confirmed compromise or a false positive.</summary>
    LabelAutomaticLock = 20,

    /// <summary>VerifyHistory: recompute an account's tamper-evident chain (admin and auditor).</summary>
    VerifyHistory = 26,

    /// <summary>ListAuditQueue: the sampled agent and vendor actions awaiting review (auditor and admin).</summary>
    ListAuditQueue = 27,

    /// <summary>RecordAuditVerdict: a verdict on a sampled action, never one's own (auditor and admin; <see cref="AuditRules"/>).</summary>
    RecordAuditVerdict = 28,

    /// <summary>ListPendingRequests: every account's open dual-control requests, the approvers' queue (agent and admin).</summary>
    ListPendingRequests = 29,

    /// <summary>ListOpenAppeals: every account's appeals awaiting a decision, the deciders' queue (agent and admin).</summary>
    ListOpenAppeals = 30,
}

/// <summary>The static permission table; the state-dependent rule (vendor vs high-profile) lives in <see cref="AccountDecider"/>.</summary>
public static class Permissions
{
    /// <summary>Whether <paramref name="role"/> may call <paramref name="operation"/> at all. <see cref="ActorRole.System"/> may only expire.</summary>
    public static bool IsAllowed(ActorRole role, Operation operation) => role switch
    {
        ActorRole.Admin => operation != Operation.ExpireDue,
        ActorRole.System => operation == Operation.ExpireDue,
        ActorRole.Platform => operation is Operation.Verify or Operation.ReportSignal or Operation.Lock or Operation.GetAccount
            or Operation.WatchEvents or Operation.FileAppeal,
        ActorRole.Recovery => operation is Operation.Verify or Operation.StartRecovery or Operation.CompleteRecovery or Operation.GetAccount,
        ActorRole.Agent => operation is Operation.Verify or Operation.ReportSignal or Operation.Lock or Operation.Unlock
            or Operation.GrantVerification or Operation.RevokeVerification or Operation.GetAccount or Operation.GetHistory
            or Operation.WatchEvents or Operation.ApproveRequest or Operation.RejectRequest or Operation.DecideAppeal or Operation.LabelAutomaticLock
            or Operation.ListPendingRequests or Operation.ListOpenAppeals,
        ActorRole.Vendor => operation is Operation.Verify or Operation.Lock or Operation.Unlock or Operation.GetAccount or Operation.GetHistory,
        // Reviews agents' and vendors' work: reads accounts and their histories, and the reports; changes nothing.
        ActorRole.Auditor => operation is Operation.Verify or Operation.GetAccount or Operation.GetHistory or Operation.Reports
            or Operation.VerifyHistory or Operation.ListAuditQueue or Operation.RecordAuditVerdict,
        _ => false,
    };
}
