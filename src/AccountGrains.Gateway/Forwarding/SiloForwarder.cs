using System.Collections.Concurrent;
using AccountGrains.Grpc;
using AccountGrains.Grpc.Client;
using Google.Protobuf;

namespace AccountGrains.Gateway;

/// <summary>
/// Sends a call on to the silo that owns its account, over the same gRPC protocol, carrying the caller's
/// credentials (the owner authenticates them again: identity is never asserted by the forwarder) and the
/// caller's deadline. One channel per peer silo, kept for the silo's life.
/// </summary>
internal sealed class SiloForwarder : IDisposable
{
    /// <summary>Marks a forwarded call, naming the silo that forwarded it; a forwarded call is never forwarded again.</summary>
    public const string ForwardedByHeader = "x-accountgrains-forwarded-by";

    private static readonly string[] CarriedHeaders = [ApiKeyAuthenticator.AuthorizationHeader, ApiKeyAuthenticator.OnBehalfOfHeader];

    private readonly ConcurrentDictionary<string, GrpcChannel> _channels = new(StringComparer.Ordinal);

    public async Task<TResponse> ForwardAsync<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, ServerCallContext context, string ownerAddress, string localSiloId)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        var headers = new Metadata();
        foreach (var name in CarriedHeaders)
        {
            if (context.RequestHeaders.GetValue(name) is { } value)
            {
                headers.Add(name, value);
            }
        }

        headers.Add(ForwardedByHeader, localSiloId);
        var options = new CallOptions
        {
            Headers = headers,
            Deadline = context.Deadline == DateTime.MaxValue ? null : new DateTimeOffset(context.Deadline, TimeSpan.Zero),
            CancellationToken = context.CancellationToken,
        };
        var channel = _channels.GetOrAdd(ownerAddress, static address => GrpcChannel.ForAddress(address));
        return await channel.UnaryAsync(method, request, options);
    }

    public void Dispose()
    {
        foreach (var channel in _channels.Values)
        {
            channel.Dispose();
        }
    }
}
