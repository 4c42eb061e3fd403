using AccountGrains.Abstractions;
using AccountGrains.Domain;
using AccountGrains.Grains.Tests.Support;
using static AccountGrains.Grains.Tests.Support.Callers;

namespace AccountGrains.Grains.Tests.Accounts;

/// <summary>
/// RecordAuditVerdict through the grain with the default shares (10 % of vendor actions): the grain reads the audited
/// event from the store (its role from the payload), records one verdict, and refuses the rest; the verdict survives a
/// reload.
/// </summary>
public sealed class AccountGrainAuditTests
{
    private static readonly Caller Vendor = new("vendor-key", CallerRole.Vendor, "vendor-3");
    private static readonly Caller Auditor = new("audit-key", CallerRole.Auditor);

    [Fact]
    public async Task ASampledVendorLock_GetsOneVerdict_ThatSurvivesAReload()
    {
        await using var store = await SqliteTestStore.CreateAsync();
        await using var silo = await AccountCluster.StartAsync(store);
        var id = AccountWhoseFirstVendorLockIs(sampled: true);
        var workflows = silo.Client.GetGrain<IAccountWorkflowGrain>(id);
        await silo.Account(id).Lock(Vendor, new LockRequest(Abstractions.LockReason.PolicyViolation));

        var result = await workflows.RecordAuditVerdict(Auditor, new AuditVerdictRequest(1, Abstractions.AuditVerdict.Correct, "G-2.1", "fine"));
        await silo.DeactivateAsync(id);
        var again = await Assert.ThrowsAsync<AccountRefusedException>(() => workflows.RecordAuditVerdict(Admin, new AuditVerdictRequest(1, Abstractions.AuditVerdict.Incorrect, "G-2.1")).AsTask());

        Assert.Equal((1L, EventTypeNames.LockPlaced, "vendor-key/vendor-3", Abstractions.AuditVerdict.Correct), (result.ActionSeq, result.ActionType, result.ActionActor, result.Verdict));
        Assert.Equal(RefusalCode.FailedPrecondition, again.Code);
        var history = (await silo.Account(id).GetHistory(Admin, 0, 100)).Events;
        Assert.Equal([EventTypeNames.LockPlaced, EventTypeNames.AuditVerdictRecorded], history.Select(e => e.Type));
        Assert.Equal("fine", history[1].Reason);
    }

    [Fact]
    public async Task AnUnsampledAction_IsFailedPrecondition_AndAnUnknownSeqNotFound()
    {
        await using var store = await SqliteTestStore.CreateAsync();
        await using var silo = await AccountCluster.StartAsync(store);
        var id = AccountWhoseFirstVendorLockIs(sampled: false);
        var workflows = silo.Client.GetGrain<IAccountWorkflowGrain>(id);
        await silo.Account(id).Lock(Vendor, new LockRequest(Abstractions.LockReason.PolicyViolation));

        var unsampled = await Assert.ThrowsAsync<AccountRefusedException>(() => workflows.RecordAuditVerdict(Auditor, new AuditVerdictRequest(1, Abstractions.AuditVerdict.Correct, "G-1")).AsTask());
        var unknown = await Assert.ThrowsAsync<AccountRefusedException>(() => workflows.RecordAuditVerdict(Auditor, new AuditVerdictRequest(2, Abstractions.AuditVerdict.Correct, "G-1")).AsTask());

        Assert.Equal(RefusalCode.FailedPrecondition, unsampled.Code);
        Assert.Equal(RefusalCode.NotFound, unknown.Code);
    }

    [Fact]
    public async Task TheVendorAgent_ReviewingTheirOwnLock_IsPermissionDenied()
    {
        await using var store = await SqliteTestStore.CreateAsync();
        await using var silo = await AccountCluster.StartAsync(store);
        var id = AccountWhoseFirstVendorLockIs(sampled: true);
        await silo.Account(id).Lock(Vendor, new LockRequest(Abstractions.LockReason.PolicyViolation));

        // vendor-3 again, now holding an admin token: the same person.
        var own = await Assert.ThrowsAsync<AccountRefusedException>(() => silo.Client.GetGrain<IAccountWorkflowGrain>(id)
            .RecordAuditVerdict(new Caller("vendor-3", CallerRole.Admin), new AuditVerdictRequest(1, Abstractions.AuditVerdict.Correct, "G-1")).AsTask());

        Assert.Equal(RefusalCode.PermissionDenied, own.Code);
    }

    // Sampling is a function of the event id: the first account id (of a fixed list) whose seq 1 is, or is not, sampled.
    private static string AccountWhoseFirstVendorLockIs(bool sampled) =>
        Enumerable.Range(0, 1000).Select(i => "audit-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .First(id => AuditSampling.IsSampled(AuditOptions.Default, ActorRole.Vendor, EventTypeNames.LockPlaced, AuditSampling.EventId(id, 1)) == sampled);
}
