namespace AccountGrains.Domain;

/// <summary>The workflow parts of the state: pending dual-control requests, open appeals, recent automatic locks.</summary>
public sealed partial class AccountState
{
    /// <summary>Automatic locks remembered for feedback labels (the newest ones); an older one can no longer be labelled.</summary>
    public const int MaxTrackedAutomaticLocks = 32;

    private List<PendingRequest>? _pendingRequests;
    private List<OpenAppeal>? _openAppeals;
    private List<AutomaticLock>? _automaticLocks;
    private SortedSet<long>? _auditedSeqs;

    /// <summary>The seqs of this account's actions that have an audit verdict (one each), ascending.</summary>
    public IReadOnlyCollection<long> AuditedSeqs => (IReadOnlyCollection<long>?)_auditedSeqs ?? [];

    /// <summary>Whether the action at <paramref name="seq"/> already has a verdict.</summary>
    public bool IsAudited(long seq) => _auditedSeqs?.Contains(seq) ?? false;

    /// <summary>Dual-control requests not yet answered or lapsed by an event; some may be past their expiry (see <see cref="PendingRequest.IsOpenAt"/>).</summary>
    public IReadOnlyList<PendingRequest> PendingRequests => (IReadOnlyList<PendingRequest>?)_pendingRequests ?? [];

    /// <summary>Appeals filed and not yet decided, oldest first.</summary>
    public IReadOnlyList<OpenAppeal> OpenAppeals => (IReadOnlyList<OpenAppeal>?)_openAppeals ?? [];

    /// <summary>The newest automatic locks (in force or ended) with their labels, oldest first.</summary>
    public IReadOnlyList<AutomaticLock> AutomaticLocks => (IReadOnlyList<AutomaticLock>?)_automaticLocks ?? [];

    /// <summary>The earliest expiry of a pending request, if any.</summary>
    internal DateTimeOffset? NextRequestExpiry => _pendingRequests is null ? null : _pendingRequests.Min(r => r.ExpiresAt);

    // Returns whether the event was a workflow event.
    private bool ApplyWorkflow(AccountEvent evt)
    {
        switch (evt)
        {
            case DualControlRequested e:
                (_pendingRequests ??= []).Add(WorkflowOutcomes.PendingOf(e));
                return true;
            case DualControlApproved e:
                RemoveRequest(e.RequestId);
                return true;
            case DualControlRejected e:
                RemoveRequest(e.RequestId);
                return true;
            case DualControlLapsed e:
                RemoveRequest(e.RequestId);
                return true;
            case AppealFiled e:
                (_openAppeals ??= []).Add(new OpenAppeal(e.AppealId, e.LockId, e.Actor, e.At, e.Statement));
                return true;
            case AppealDecided e:
                _openAppeals?.RemoveAll(a => a.AppealId == e.AppealId);
                _openAppeals = _openAppeals is { Count: > 0 } ? _openAppeals : null;
                return true;
            case AuditVerdictRecorded e:
                (_auditedSeqs ??= []).Add(e.ActionSeq);
                return true;
            case AutomaticLockLabelled e:
                var i = _automaticLocks?.FindIndex(a => a.LockId == e.LockId) ?? -1;
                if (i >= 0)
                {
                    _automaticLocks![i] = _automaticLocks[i] with { Label = e.Label };
                }

                return true;
            default:
                return false;
        }
    }

    // A lock placed by the service itself (any automatic rule, today BRUTE_FORCE).
    private void TrackAutomaticLock(LockPlaced e)
    {
        if (e.ActorRole != Domain.ActorRole.System && e.Actor != Domain.Actor.System.Display)
        {
            return;
        }

        var autos = _automaticLocks ??= [];
        if (autos.Count >= MaxTrackedAutomaticLocks)
        {
            autos.RemoveAt(0);
        }

        autos.Add(new AutomaticLock(e.LockId, e.LockReason, e.At));
    }

    private void RemoveRequest(string requestId)
    {
        _pendingRequests?.RemoveAll(r => r.RequestId == requestId);
        _pendingRequests = _pendingRequests is { Count: > 0 } ? _pendingRequests : null;
    }

    private void RestoreWorkflows(SnapshotParts parts)
    {
        _pendingRequests = NullIfEmpty(parts.PendingRequests);
        _openAppeals = NullIfEmpty(parts.OpenAppeals);
        _automaticLocks = NullIfEmpty(parts.AutomaticLocks);
        _auditedSeqs = parts.AuditedSeqs is { Count: > 0 } seqs ? [.. seqs] : null;
    }
}
