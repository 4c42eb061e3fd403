using AccountGrains.Client.Internal;
using AccountGrains.Contracts.V1;
using Grpc.Core;
using Generated = AccountGrains.Contracts.V1.AccountIntegrity.AccountIntegrityClient;

namespace AccountGrains.Client;

/// <summary>
/// A typed client of <c>accountgrains.v1.AccountIntegrity</c> over grpc-dotnet's generated client: one method per RPC,
/// the caller's API key or JWT and agent on every call, a default deadline, and UNAVAILABLE retried (by the channel's
/// gRPC service config) for the calls that are safe to repeat: Verify, GetAccount, GetHistory, and writes that carry
/// an idempotency key; never CompleteRecovery nor a write without a key. A failed call throws
/// <see cref="RpcException"/> with the gateway's status code. Thread-safe; reuse it.
/// </summary>
public sealed partial class AccountIntegrityClient : IDisposable
{
    private readonly AccountIntegrityChannel _channel;
    private readonly bool _ownsChannel;
    private readonly Generated _repeatable;
    private readonly Generated _once;

    /// <summary>Creates a client with its own channel; dispose the client to close it.</summary>
    /// <param name="options">The address, credential, agent, default timeout and retry policy.</param>
    /// <exception cref="ArgumentException">An option is invalid (<see cref="AccountIntegrityClientOptions.Validate"/>).</exception>
    public AccountIntegrityClient(AccountIntegrityClientOptions options)
        : this(OwnChannel(options), options.ApiKey, options.BearerToken, options.OnBehalfOf, ownsChannel: true)
    {
    }

    /// <summary>
    /// Creates a client over a channel the caller owns (and disposes): several clients, one per key or agent, may share
    /// it. The channel's default timeout and retry policy apply.
    /// </summary>
    /// <param name="channel">The channel to the silo.</param>
    /// <param name="apiKey">The API key; <see langword="null"/> for an open silo.</param>
    /// <param name="onBehalfOf">The agent an agent or vendor key acts for.</param>
    /// <exception cref="ArgumentException">The key or agent id is malformed.</exception>
    public AccountIntegrityClient(AccountIntegrityChannel channel, string? apiKey = null, string? onBehalfOf = null)
        : this(channel, apiKey, bearerToken: null, onBehalfOf, ownsChannel: false)
    {
    }

    private AccountIntegrityClient(AccountIntegrityChannel channel, string? apiKey, string? bearerToken, string? onBehalfOf, bool ownsChannel)
    {
        ArgumentNullException.ThrowIfNull(channel);
        CallerHeaders.Validate(apiKey, bearerToken, onBehalfOf);

        var caller = new CallerInterceptor(CallerHeaders.Create(apiKey, bearerToken, onBehalfOf), channel.DefaultTimeout);
        _channel = channel;
        _ownsChannel = ownsChannel;
        _repeatable = new Generated(channel.Invoker(safeToRetry: true, caller));
        _once = new Generated(channel.Invoker(safeToRetry: false, caller));
    }

    /// <summary>The silo's address.</summary>
    public Uri Address => _channel.Address;

    /// <summary>Creates a client over a shared channel that authenticates with a JWT instead of an API key.</summary>
    /// <param name="channel">The channel to the silo.</param>
    /// <param name="bearerToken">The JWT, compact form; sent as it is (create a new client when it is renewed).</param>
    /// <param name="onBehalfOf">The agent an agent or vendor caller acts for.</param>
    /// <returns>The client; disposing it leaves the channel open.</returns>
    /// <exception cref="ArgumentException">The token or agent id is malformed.</exception>
    public static AccountIntegrityClient WithBearerToken(AccountIntegrityChannel channel, string bearerToken, string? onBehalfOf = null)
    {
        ArgumentNullException.ThrowIfNull(bearerToken);
        return new AccountIntegrityClient(channel, apiKey: null, bearerToken, onBehalfOf, ownsChannel: false);
    }

    /// <summary>May the account act? A read: retried on UNAVAILABLE.</summary>
    /// <param name="request">The account, the action and (optionally) the device.</param>
    /// <param name="deadline">When the call must be done by; <see langword="null"/> for the default timeout.</param>
    /// <param name="cancellationToken">Cancels the call (it fails with CANCELLED).</param>
    /// <returns>ALLOW, CHALLENGE or DENY with the reasons, the account's version and sessions_valid_after.</returns>
    public Task<VerifyReply> VerifyAsync(VerifyRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        Via(request).VerifyAsync(request, Options(deadline, cancellationToken)).ResponseAsync;

    /// <summary>Reports a security signal; retried on UNAVAILABLE only when the request carries an idempotency key.</summary>
    /// <inheritdoc cref="VerifyAsync(VerifyRequest, DateTimeOffset?, CancellationToken)" path="/param" />
    public Task<ReportSignalReply> ReportSignalAsync(ReportSignalRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        Via(request).ReportSignalAsync(request, Options(deadline, cancellationToken)).ResponseAsync;

    /// <summary>Places a lock; with an idempotency key a repeat returns the first lock id (and it is retried on UNAVAILABLE).</summary>
    /// <inheritdoc cref="VerifyAsync(VerifyRequest, DateTimeOffset?, CancellationToken)" path="/param" />
    public Task<LockReply> LockAsync(LockRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        Via(request).LockAsync(request, Options(deadline, cancellationToken)).ResponseAsync;

    /// <summary>Lifts one lock, the locks with a reason, or all; retried on UNAVAILABLE only with an idempotency key.</summary>
    /// <inheritdoc cref="VerifyAsync(VerifyRequest, DateTimeOffset?, CancellationToken)" path="/param" />
    public Task<UnlockReply> UnlockAsync(UnlockRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        Via(request).UnlockAsync(request, Options(deadline, cancellationToken)).ResponseAsync;

    /// <summary>Opens a recovery attempt; the code comes back once (a replay by idempotency key returns the attempt without it).
    /// Retried on UNAVAILABLE only with an idempotency key.</summary>
    /// <inheritdoc cref="VerifyAsync(VerifyRequest, DateTimeOffset?, CancellationToken)" path="/param" />
    public Task<StartRecoveryReply> StartRecoveryAsync(StartRecoveryRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        Via(request).StartRecoveryAsync(request, Options(deadline, cancellationToken)).ResponseAsync;

    /// <summary>Completes a recovery attempt with its code. Never retried: a repeated wrong code would spend a try.</summary>
    /// <inheritdoc cref="VerifyAsync(VerifyRequest, DateTimeOffset?, CancellationToken)" path="/param" />
    public Task<CompleteRecoveryReply> CompleteRecoveryAsync(CompleteRecoveryRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        Via(request).CompleteRecoveryAsync(request, Options(deadline, cancellationToken)).ResponseAsync;

    /// <summary>Grants the verification badge; retried on UNAVAILABLE only with an idempotency key.</summary>
    /// <inheritdoc cref="VerifyAsync(VerifyRequest, DateTimeOffset?, CancellationToken)" path="/param" />
    public Task<GrantVerificationReply> GrantVerificationAsync(GrantVerificationRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        Via(request).GrantVerificationAsync(request, Options(deadline, cancellationToken)).ResponseAsync;

    /// <summary>Revokes the verification badge; retried on UNAVAILABLE only with an idempotency key.</summary>
    /// <inheritdoc cref="VerifyAsync(VerifyRequest, DateTimeOffset?, CancellationToken)" path="/param" />
    public Task<RevokeVerificationReply> RevokeVerificationAsync(RevokeVerificationRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        Via(request).RevokeVerificationAsync(request, Options(deadline, cancellationToken)).ResponseAsync;

    /// <summary>Sets or clears the high-profile flag (admin only); retried on UNAVAILABLE only with an idempotency key.</summary>
    /// <inheritdoc cref="VerifyAsync(VerifyRequest, DateTimeOffset?, CancellationToken)" path="/param" />
    public Task<SetHighProfileReply> SetHighProfileAsync(SetHighProfileRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        Via(request).SetHighProfileAsync(request, Options(deadline, cancellationToken)).ResponseAsync;

    /// <summary>The account's posture (never a recovery code or its hash). A read: retried on UNAVAILABLE.</summary>
    /// <inheritdoc cref="VerifyAsync(VerifyRequest, DateTimeOffset?, CancellationToken)" path="/param" />
    public Task<Account> GetAccountAsync(GetAccountRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        Via(request).GetAccountAsync(request, Options(deadline, cancellationToken)).ResponseAsync;

    /// <summary>One page of the account's history, oldest first. A read: retried on UNAVAILABLE.</summary>
    /// <inheritdoc cref="VerifyAsync(VerifyRequest, DateTimeOffset?, CancellationToken)" path="/param" />
    public Task<HistoryPage> GetHistoryAsync(GetHistoryRequest request, DateTimeOffset? deadline = null, CancellationToken cancellationToken = default) =>
        Via(request).GetHistoryAsync(request, Options(deadline, cancellationToken)).ResponseAsync;

    /// <summary>Closes the channel when the client created it; a shared channel stays open.</summary>
    public void Dispose()
    {
        if (_ownsChannel)
        {
            _channel.Dispose();
        }
    }

    internal static CallOptions Options(DateTimeOffset? deadline, CancellationToken cancellationToken) =>
        new(deadline: deadline?.UtcDateTime, cancellationToken: cancellationToken);

    private static AccountIntegrityChannel OwnChannel(AccountIntegrityClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // Every option, credentials included, is checked before a channel exists, so a bad one leaks nothing.
        options.Validate();
        return new AccountIntegrityChannel(options.ToChannelOptions());
    }

    private Generated Via<TRequest>(TRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return RetryRules.IsSafeToRetry(request) ? _repeatable : _once;
    }
}
