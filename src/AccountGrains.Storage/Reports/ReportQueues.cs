namespace AccountGrains.Storage.Reports;

/// <summary>The cross-account queues the reporting projection keeps (<see cref="QueueChange.Queue"/>). Stored: never rename one.</summary>
public static class ReportQueues
{
    /// <summary>Sampled agent and vendor actions awaiting an audit verdict; item id the action's seq.</summary>
    public const string Audits = "audits";

    /// <summary>Open dual-control requests; item id the request id; the item lapses at its expiry.</summary>
    public const string Requests = "requests";

    /// <summary>Appeals awaiting a decision; item id the appeal id.</summary>
    public const string Appeals = "appeals";
}

/// <summary>An item that enters a queue (<paramref name="Payload"/> set) or leaves it (<paramref name="Payload"/> null).</summary>
/// <param name="Queue">The queue (<see cref="ReportQueues"/>).</param>
/// <param name="AccountId">The item's account.</param>
/// <param name="ItemId">Its id within the account and queue.</param>
/// <param name="Position">The log position of the event that queued it: the queue's order and page cursor.</param>
/// <param name="ExpiresAt">When it leaves the queue by itself (a dual-control request's expiry), if ever.</param>
/// <param name="Payload">The item as JSON (the projection's shape), or null to remove it.</param>
public sealed record QueueChange(string Queue, string AccountId, string ItemId, long Position, DateTimeOffset? ExpiresAt, string? Payload);

/// <summary>One queued item as stored.</summary>
/// <param name="AccountId">Its account.</param>
/// <param name="ItemId">Its id within the account and queue.</param>
/// <param name="Position">The log position that queued it.</param>
/// <param name="Payload">The item as JSON.</param>
public sealed record QueueItem(string AccountId, string ItemId, long Position, string Payload);
