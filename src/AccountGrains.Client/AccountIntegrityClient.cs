using AccountGrains.Client.Internal;
using AccountGrains.Contracts.V1;
using AccountGrains.Grpc;
using AccountGrains.Grpc.Client;
using Google.Protobuf;

namespace AccountGrains.Client;

/// <summary>
/// A typed client of <c>accountgrains.v1.AccountIntegrity</c>: one method per RPC, the caller's API key and agent on
/// every call, a default deadline, and retries of UNAVAILABLE for the calls that are safe to repeat (Verify,
/// GetAccount, GetHistory, and writes that carry an idempotency key; never CompleteRecovery nor a write without a
/// key). A failed call throws <see cref="RpcException"/> with the gateway's status code. Thread-safe; reuse it.
/// </summary>
public sealed partial class AccountIntegrityClient : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly bool _ownsChannel;
    private readonly Metadata? _headers;

    /// <summary>Creates a client with its own channel; dispose the client to close it.</summary>
    /// <param name="options">The address, key, agent, default timeout and retry policy.</param>
    /// <exception cref="ArgumentException">An option is invalid (<see cref="AccountIntegrityClientOptions.Validate"/>).</exception>
    public AccountIntegrityClient(AccountIntegrityClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _channel = GrpcChannel.ForAddress(options.Address!, new GrpcChannelOptions
        {
            DefaultTimeout = options.DefaultTimeout,
            Retry = options.Retry,
            HttpHandler = options.HttpHandler,
        });
        _ownsChannel = true;
        _headers = Headers(options.ApiKey, options.OnBehalfOf);
    }

    /// <summary>
    /// Creates a client over a channel the caller owns (and disposes): several clients, one per key or agent, may share
    /// it. The channel's <see cref="GrpcChannelOptions.DefaultTimeout"/> and <see cref="GrpcChannelOptions.Retry"/> apply.
    /// </summary>
    /// <param name="channel">The channel to the silo.</param>
    /// <param name="apiKey">The API key; <see langword="null"/> for an open silo.</param>
    /// <param name="onBehalfOf">The agent an agent or vendor key acts for.</param>
    /// <exception cref="ArgumentException">The key or agent id is malformed.</exception>
    public AccountIntegrityClient(GrpcChannel channel, string? apiKey = null, string? onBehalfOf = null)
    {
        ArgumentNullException.ThrowIfNull(channel);
        AccountIntegrityClientOptions.ValidateCredentials(apiKey, onBehalfOf);
        _channel = channel;
        _headers = Headers(apiKey, onBehalfOf);
    }

    /// <summary>The silo's address.</summary>
    public Uri Address => _channel.Address;

    /// <summary>May the account act? A read: retried on UNAVAILABLE.</summary>
    /// <param name="request">The account, the action and (optionally) the device.</param>
    /// <param name="deadline">When the call must be done by; <see langword="null"/> for the default timeout.</param>
    /// <param name="cancellationToken">Cancels the call (it fails with CANCELLED).</param>
    /// <returns>ALLOW, CHALLENGE or DENY with the reasons, the account's version and sessions_valid_after.</returns>
    public Task<VerifyReply> VerifyAsync(VerifyRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        CallAsync(AccountIntegrityMethods.Verify, request, deadline, cancellationToken);

    /// <summary>Reports a security signal; retried on UNAVAILABLE only when the request carries an idempotency key.</summary>
    /// <inheritdoc cref="VerifyAsync(VerifyRequest, DateTimeOffset?, CancellationToken)" path="/param" />
    public Task<ReportSignalReply> ReportSignalAsync(ReportSignalRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        CallAsync(AccountIntegrityMethods.ReportSignal, request, deadline, cancellationToken);

    /// <summary>Places a lock; with an idempotency key a repeat returns the first lock id (and it is retried on UNAVAILABLE).</summary>
    /// <inheritdoc cref="VerifyAsync(VerifyRequest, DateTimeOffset?, CancellationToken)" path="/param" />
    public Task<LockReply> LockAsync(LockRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        CallAsync(AccountIntegrityMethods.Lock, request, deadline, cancellationToken);

    /// <summary>Lifts one lock, the locks with a reason, or all; retried on UNAVAILABLE only with an idempotency key.</summary>
    /// <inheritdoc cref="VerifyAsync(VerifyRequest, DateTimeOffset?, CancellationToken)" path="/param" />
    public Task<UnlockReply> UnlockAsync(UnlockRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        CallAsync(AccountIntegrityMethods.Unlock, request, deadline, cancellationToken);

    /// <summary>Opens a recovery attempt; the code comes back once (a replay by idempotency key returns the attempt without it).
    /// Retried on UNAVAILABLE only with an idempotency key.</summary>
    /// <inheritdoc cref="VerifyAsync(VerifyRequest, DateTimeOffset?, CancellationToken)" path="/param" />
    public Task<StartRecoveryReply> StartRecoveryAsync(StartRecoveryRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        CallAsync(AccountIntegrityMethods.StartRecovery, request, deadline, cancellationToken);

    /// <summary>Completes a recovery attempt with its code. Never retried: a repeated wrong code would spend a try.</summary>
    /// <inheritdoc cref="VerifyAsync(VerifyRequest, DateTimeOffset?, CancellationToken)" path="/param" />
    public Task<CompleteRecoveryReply> CompleteRecoveryAsync(CompleteRecoveryRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        CallAsync(AccountIntegrityMethods.CompleteRecovery, request, deadline, cancellationToken);

    /// <summary>Grants the verification badge; retried on UNAVAILABLE only with an idempotency key.</summary>
    /// <inheritdoc cref="VerifyAsync(VerifyRequest, DateTimeOffset?, CancellationToken)" path="/param" />
    public Task<GrantVerificationReply> GrantVerificationAsync(GrantVerificationRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        CallAsync(AccountIntegrityMethods.GrantVerification, request, deadline, cancellationToken);

    /// <summary>Revokes the verification badge; retried on UNAVAILABLE only with an idempotency key.</summary>
    /// <inheritdoc cref="VerifyAsync(VerifyRequest, DateTimeOffset?, CancellationToken)" path="/param" />
    public Task<RevokeVerificationReply> RevokeVerificationAsync(RevokeVerificationRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        CallAsync(AccountIntegrityMethods.RevokeVerification, request, deadline, cancellationToken);

    /// <summary>Sets or clears the high-profile flag (admin only); retried on UNAVAILABLE only with an idempotency key.</summary>
    /// <inheritdoc cref="VerifyAsync(VerifyRequest, DateTimeOffset?, CancellationToken)" path="/param" />
    public Task<SetHighProfileReply> SetHighProfileAsync(SetHighProfileRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        CallAsync(AccountIntegrityMethods.SetHighProfile, request, deadline, cancellationToken);

    /// <summary>The account's posture (never a recovery code or its hash). A read: retried on UNAVAILABLE.</summary>
    /// <inheritdoc cref="VerifyAsync(VerifyRequest, DateTimeOffset?, CancellationToken)" path="/param" />
    public Task<Account> GetAccountAsync(GetAccountRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        CallAsync(AccountIntegrityMethods.GetAccount, request, deadline, cancellationToken);

    /// <summary>One page of the account's history, oldest first. A read: retried on UNAVAILABLE.</summary>
    /// <inheritdoc cref="VerifyAsync(VerifyRequest, DateTimeOffset?, CancellationToken)" path="/param" />
    public Task<HistoryPage> GetHistoryAsync(GetHistoryRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        CallAsync(AccountIntegrityMethods.GetHistory, request, deadline, cancellationToken);

    /// <summary>Closes the channel when the client created it; a shared channel stays open.</summary>
    public void Dispose()
    {
        if (_ownsChannel)
        {
            _channel.Dispose();
        }
    }

    private static Metadata? Headers(string? apiKey, string? onBehalfOf)
    {
        if (apiKey is null && onBehalfOf is null)
        {
            return null;
        }

        var headers = new Metadata();
        if (apiKey is not null)
        {
            headers.Add("authorization", "Bearer " + apiKey);
        }

        if (onBehalfOf is not null)
        {
            headers.Add("x-on-behalf-of", onBehalfOf);
        }

        return headers;
    }

    private Task<TResponse> CallAsync<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, DateTimeOffset? deadline, CancellationToken cancellationToken)
        where TRequest : IMessage<TRequest>, new()
        where TResponse : IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(request);
        return _channel.UnaryAsync(method, request, new CallOptions
        {
            Deadline = deadline,
            CancellationToken = cancellationToken,
            Headers = _headers,
            IsSafeToRetry = RetryRules.IsSafeToRetry(request),
        });
    }
}
