using AccountGrains.Client.Internal;
using AccountGrains.Contracts.V1;
using Grpc.Core;
using Generated = AccountGrains.Contracts.V1.ClusterAdmin.ClusterAdminClient;

namespace AccountGrains.Client;

/// <summary>
/// A typed client of <c>accountgrains.v1.ClusterAdmin</c> (admin callers; auditors for <see cref="GetReportAsync"/>) over
/// grpc-dotnet's generated client: the caller's credential on every call, the channel's default deadline, and
/// UNAVAILABLE retried (every call is a read). A failed call throws <see cref="RpcException"/>. Thread-safe; it holds nothing to dispose (the channel is the caller's).
/// </summary>
public sealed class ClusterAdminClient
{
    private readonly Generated _client;

    /// <summary>Creates a client over a shared channel.</summary>
    /// <param name="channel">The channel to the silo.</param>
    /// <param name="apiKey">An admin (or, for reports, auditor) API key; <see langword="null"/> for an open silo.</param>
    /// <param name="bearerToken">Instead of a key, a JWT whose role is admin or auditor.</param>
    /// <exception cref="ArgumentException">The key or token is malformed, or both are given.</exception>
    public ClusterAdminClient(AccountIntegrityChannel channel, string? apiKey = null, string? bearerToken = null)
        : this(channel, apiKey, bearerToken, onBehalfOf: null)
    {
    }

    /// <summary>Creates a client over a shared channel for an agent key (the queues of requests and appeals), which names its agent.</summary>
    /// <param name="channel">The channel to the silo.</param>
    /// <param name="apiKey">The API key; <see langword="null"/> for an open silo.</param>
    /// <param name="bearerToken">Instead of a key, a JWT.</param>
    /// <param name="onBehalfOf">The agent the key acts for (<c>x-on-behalf-of</c>), required for agent keys.</param>
    /// <exception cref="ArgumentException">The key, token or agent id is malformed, or both key and token are given.</exception>
    public ClusterAdminClient(AccountIntegrityChannel channel, string? apiKey, string? bearerToken, string? onBehalfOf)
    {
        ArgumentNullException.ThrowIfNull(channel);
        CallerHeaders.Validate(apiKey, bearerToken, onBehalfOf);
        var caller = new CallerInterceptor(CallerHeaders.Create(apiKey, bearerToken, onBehalfOf), channel.DefaultTimeout);
        _client = new Generated(channel.Invoker(safeToRetry: true, caller));
    }

    /// <summary>The silos of the cluster as the answering silo's membership sees them.</summary>
    /// <param name="deadline">When the call must be done by; <see langword="null"/> for the default timeout.</param>
    /// <param name="cancellationToken">Cancels the call (it fails with CANCELLED).</param>
    /// <returns>Every silo with its status, and which silo answered.</returns>
    public Task<ListSilosReply> ListSilosAsync(DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        _client.ListSilosAsync(new ListSilosRequest(), AccountIntegrityClient.Options(deadline, cancellationToken)).ResponseAsync;

    /// <summary>The accounts active on the answering silo.</summary>
    /// <inheritdoc cref="ListSilosAsync" path="/param" />
    /// <returns>The silo and its active account ids.</returns>
    public Task<ListActivationsReply> ListActivationsAsync(DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        _client.ListActivationsAsync(new ListActivationsRequest(), AccountIntegrityClient.Options(deadline, cancellationToken)).ResponseAsync;

    /// <summary>The enforcement and recovery report for the UTC days [<paramref name="from"/>, <paramref name="to"/>), one period per <paramref name="granularity"/>.</summary>
    /// <param name="from">The first day reported (its time of day is ignored).</param>
    /// <param name="to">The first day not reported; at most 366 days after <paramref name="from"/>.</param>
    /// <param name="granularity">Day, week, month or total.</param>
    /// <param name="topActors">How many of the busiest actors per period; 0 for 10.</param>
    /// <param name="deadline">When the call must be done by; <see langword="null"/> for the default timeout.</param>
    /// <param name="cancellationToken">Cancels the call (it fails with CANCELLED).</param>
    /// <returns>The periods in time order.</returns>
    public Task<GetReportReply> GetReportAsync(
        DateTimeOffset from,
        DateTimeOffset to,
        ReportGranularity granularity,
        int topActors = 0,
        DateTimeOffset? deadline = null,
        CancellationToken cancellationToken = default) =>
        _client.GetReportAsync(
            new GetReportRequest
            {
                From = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(from),
                To = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(to),
                Granularity = granularity,
                TopActors = topActors,
            },
            AccountIntegrityClient.Options(deadline, cancellationToken)).ResponseAsync;

    /// <summary>Recomputes the tamper-evident chain of <paramref name="accountId"/> from the stored events (admin or auditor).</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="deadline">When the call must be done by; <see langword="null"/> for the default timeout.</param>
    /// <param name="cancellationToken">Cancels the call (it fails with CANCELLED).</param>
    /// <returns>Whether the chain holds, how far it covers, and otherwise its first broken link.</returns>
    public Task<VerifyHistoryReply> VerifyHistoryAsync(string accountId, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        _client.VerifyHistoryAsync(new VerifyHistoryRequest { AccountId = accountId }, AccountIntegrityClient.Options(deadline, cancellationToken)).ResponseAsync;

    /// <summary>One page of sampled actions awaiting a verdict, oldest first (auditor or admin).</summary>
    /// <param name="pageSize">At most this many; 0 for 100.</param>
    /// <param name="pageToken">A previous reply's <c>next_page_token</c>; <see langword="null"/> for the first page.</param>
    /// <param name="deadline">When the call must be done by; <see langword="null"/> for the default timeout.</param>
    /// <param name="cancellationToken">Cancels the call (it fails with CANCELLED).</param>
    /// <returns>The page, and the token of the next (empty on the last).</returns>
    public Task<ListAuditQueueReply> ListAuditQueueAsync(int pageSize = 0, string? pageToken = null, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        _client.ListAuditQueueAsync(new ListAuditQueueRequest { PageSize = pageSize, PageToken = pageToken ?? "" }, AccountIntegrityClient.Options(deadline, cancellationToken)).ResponseAsync;

    /// <summary>One page of open dual-control requests of every account, oldest first (agent or admin).</summary>
    /// <inheritdoc cref="ListAuditQueueAsync" path="/param" />
    /// <returns>The page, and the token of the next (empty on the last).</returns>
    public Task<ListPendingRequestsReply> ListPendingRequestsAsync(int pageSize = 0, string? pageToken = null, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        _client.ListPendingRequestsAsync(new ListPendingRequestsRequest { PageSize = pageSize, PageToken = pageToken ?? "" }, AccountIntegrityClient.Options(deadline, cancellationToken)).ResponseAsync;

    /// <summary>One page of appeals awaiting a decision, of every account, oldest first (agent or admin).</summary>
    /// <inheritdoc cref="ListAuditQueueAsync" path="/param" />
    /// <returns>The page, and the token of the next (empty on the last).</returns>
    public Task<ListOpenAppealsReply> ListOpenAppealsAsync(int pageSize = 0, string? pageToken = null, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        _client.ListOpenAppealsAsync(new ListOpenAppealsRequest { PageSize = pageSize, PageToken = pageToken ?? "" }, AccountIntegrityClient.Options(deadline, cancellationToken)).ResponseAsync;
}
