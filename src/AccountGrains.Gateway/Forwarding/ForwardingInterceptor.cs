using System.Collections.Concurrent;
using AccountGrains.Cluster;
using AccountGrains.Grpc;
using AccountGrains.Runtime;

namespace AccountGrains.Gateway;

/// <summary>
/// Any silo accepts any call: when the account's grain lives on another silo (the runtime refuses to
/// activate it here with <see cref="GrainNotOwnedException"/>), the call goes on to the owner. If the owner
/// is gone or says "not mine", the view is refreshed from the directory once and the call retried once,
/// here (the grain may be claimable now) or at the new owner. A forwarded call that lands on a non-owner
/// answers UNAVAILABLE instead of hopping again, so calls never loop.
/// </summary>
internal sealed class ForwardingInterceptor(IReadOnlyDictionary<string, IForwardable> methods, SiloForwarder forwarder, IClusterMembership membership) : Interceptor
{
    // Where each account was last found: later calls go straight there instead of asking the directory
    // (a database round trip) through a refused activation each time. Bounded; a wrong entry costs one retry.
    private const int MaxCachedOwners = 100_000;
    private readonly ConcurrentDictionary<string, string> _owners = new(StringComparer.Ordinal);

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation) =>
        methods.TryGetValue(context.Method, out var method)
            ? RouteAsync(method, request, context, continuation)
            : continuation(request, context); // history and admin calls never need the grain's owner

    private async Task<TResponse> RouteAsync<TRequest, TResponse>(IForwardable method, TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        where TRequest : class
        where TResponse : class
    {
        var forwarded = context.RequestHeaders.GetValue(SiloForwarder.ForwardedByHeader) is not null;
        var accountId = method.AccountIdOf(request);
        if (!forwarded && _owners.TryGetValue(accountId, out var cached))
        {
            try
            {
                return (TResponse)await method.ForwardAsync(forwarder, request, context, cached, membership.SiloId);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable && !context.CancellationToken.IsCancellationRequested)
            {
                _owners.TryRemove(KeyValuePair.Create(accountId, cached)); // moved or gone: find it again below
            }
        }

        try
        {
            return await continuation(request, context);
        }
        catch (GrainNotOwnedException notOwned)
        {
            if (forwarded)
            {
                throw NotMine(notOwned);
            }

            return (TResponse)await ForwardOnceMoreIfStaleAsync(method, accountId, request, context, continuation, notOwned, membership);
        }
    }

    private async Task<object> ForwardOnceMoreIfStaleAsync<TRequest, TResponse>(
        IForwardable method, string accountId, TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation, GrainNotOwnedException notOwned, IClusterMembership cluster)
        where TRequest : class
        where TResponse : class
    {
        if (notOwned.OwnerAddress is { Length: > 0 } owner)
        {
            try
            {
                var response = await method.ForwardAsync(forwarder, request, context, owner, cluster.SiloId);
                Remember(accountId, owner);
                return response;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable && !context.CancellationToken.IsCancellationRequested)
            {
                // The owner is down, leaving, or no longer the owner: look again below.
            }
        }

        var current = notOwned.GrainId is { } grain ? await cluster.FindOwnerAsync(grain, context.CancellationToken) : null;
        if (current is null || current.SiloId == cluster.SiloId)
        {
            return await continuation(request, context); // nobody live holds it: claim it here (or fail as unavailable)
        }

        if (current.Address != notOwned.OwnerAddress && current.Address.Length > 0)
        {
            var response = await method.ForwardAsync(forwarder, request, context, current.Address, cluster.SiloId);
            Remember(accountId, current.Address);
            return response;
        }

        throw NotMine(notOwned);
    }

    private void Remember(string accountId, string owner)
    {
        if (_owners.Count >= MaxCachedOwners)
        {
            _owners.Clear();
        }

        _owners[accountId] = owner;
    }

    private static RpcException NotMine(GrainNotOwnedException notOwned) =>
        new(new Status(StatusCode.Unavailable, $"Another silo ({notOwned.OwnerSiloId ?? "unknown"}) owns this account and could not be reached; retry."));
}

/// <summary>A method that can be forwarded: its typed descriptor, behind an untyped call for the interceptor.</summary>
internal interface IForwardable
{
    string Path { get; }

    string AccountIdOf(object request);

    Task<object> ForwardAsync(SiloForwarder forwarder, object request, ServerCallContext context, string ownerAddress, string localSiloId);
}

/// <inheritdoc />
internal sealed class Forwardable<TRequest, TResponse>(Method<TRequest, TResponse> method, Func<TRequest, string> accountId) : IForwardable
    where TRequest : class, Google.Protobuf.IMessage<TRequest>, new()
    where TResponse : class, Google.Protobuf.IMessage<TResponse>, new()
{
    public string Path => method.FullName;

    public string AccountIdOf(object request) => accountId((TRequest)request);

    public async Task<object> ForwardAsync(SiloForwarder forwarder, object request, ServerCallContext context, string ownerAddress, string localSiloId) =>
        await forwarder.ForwardAsync(method, (TRequest)request, context, ownerAddress, localSiloId);
}
