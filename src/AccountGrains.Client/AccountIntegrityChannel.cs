using AccountGrains.Client.Internal;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace AccountGrains.Client;

/// <summary>
/// The connection to a silo that <see cref="AccountIntegrityClient"/>s and <see cref="ClusterAdminClient"/>s share, one
/// client per key, token or agent. It is two grpc-dotnet <see cref="GrpcChannel"/>s to the same address: one whose
/// gRPC service config retries UNAVAILABLE (<see cref="AccountIntegrityChannelOptions.Retry"/>), which carries the calls
/// that are safe to repeat (reads, and writes with an idempotency key), and one without retries for the rest (writes
/// without a key, CompleteRecovery), because a service config is per method, not per request. Thread-safe; create one
/// per silo and dispose it when done; each channel opens its HTTP/2 connection on its first call.
/// </summary>
public sealed class AccountIntegrityChannel : IDisposable
{
    private readonly GrpcChannel _retrying;
    private readonly GrpcChannel _once;

    /// <summary>Creates the channel; nothing connects until the first call.</summary>
    /// <param name="options">The address, default timeout, retry policy and HTTP handler.</param>
    /// <exception cref="ArgumentException">An option is invalid (<see cref="AccountIntegrityChannelOptions.Validate"/>).</exception>
    public AccountIntegrityChannel(AccountIntegrityChannelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Address = options.Address!;
        DefaultTimeout = options.DefaultTimeout;
        _retrying = Create(options, RetryRules.ServiceConfig(options.Retry));
        _once = Create(options, serviceConfig: null);
    }

    /// <summary>The silo's address.</summary>
    public Uri Address { get; }

    /// <summary>The timeout of a call whose caller gives no deadline; <see langword="null"/> for none.</summary>
    public TimeSpan? DefaultTimeout { get; }

    /// <summary>Creates a channel to <paramref name="address"/> with the default timeout (5 s) and retry policy.</summary>
    /// <param name="address">The silo's address, such as <c>http://127.0.0.1:50051</c>.</param>
    /// <returns>The channel; the caller disposes it.</returns>
    /// <exception cref="ArgumentException">The address is not an absolute http(s) address.</exception>
    public static AccountIntegrityChannel ForAddress(Uri address) => new(new AccountIntegrityChannelOptions { Address = address });

    /// <summary>Closes both channels; calls still in flight end with CANCELLED.</summary>
    public void Dispose()
    {
        _retrying.Dispose();
        _once.Dispose();
    }

    /// <summary>The call invoker for one caller: the retrying channel's when <paramref name="safeToRetry"/>.</summary>
    internal CallInvoker Invoker(bool safeToRetry, CallerInterceptor caller) =>
        (safeToRetry ? _retrying : _once).Intercept(caller);

    private static GrpcChannel Create(AccountIntegrityChannelOptions options, Grpc.Net.Client.Configuration.ServiceConfig? serviceConfig) =>
        GrpcChannel.ForAddress(options.Address!, new GrpcChannelOptions
        {
            ServiceConfig = serviceConfig,
            MaxRetryAttempts = options.Retry.MaxAttempts,
            HttpHandler = options.HttpHandler,
            DisposeHttpClient = false,
            LoggerFactory = options.LoggerFactory,
        });
}
