using AccountGrains.Contracts.V1;
using AccountGrains.Grpc;
using AccountGrains.Grpc.Client;
using Google.Protobuf;

namespace AccountGrains.ClusterProcess.Tests.Harness;

/// <summary>The admin service, called on one silo (an open silo treats every caller as admin).</summary>
internal sealed partial class ClusterHarness
{
    private static readonly Method<ListSilosRequest, ListSilosReply> ListSilosMethod = AdminMethod<ListSilosRequest, ListSilosReply>("ListSilos");
    private static readonly Method<ListActivationsRequest, ListActivationsReply> ListActivationsMethod = AdminMethod<ListActivationsRequest, ListActivationsReply>("ListActivations");

    public Task<ListSilosReply> ListSilosAsync(int slot) =>
        _channels[slot].UnaryAsync(ListSilosMethod, new ListSilosRequest(), new CallOptions { Timeout = TimeSpan.FromSeconds(5), IsSafeToRetry = true });

    public Task<ListActivationsReply> ListActivationsAsync(int slot) =>
        _channels[slot].UnaryAsync(ListActivationsMethod, new ListActivationsRequest(), new CallOptions { Timeout = TimeSpan.FromSeconds(5), IsSafeToRetry = true });

    /// <summary>ListActivations on every serving silo: account → the silos that report it active.</summary>
    public async Task<Dictionary<string, List<string>>> ActivationMapAsync()
    {
        var map = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var slot in ServingSlots)
        {
            var reply = await ListActivationsAsync(slot);
            foreach (var account in reply.AccountIds)
            {
                if (!map.TryGetValue(account, out var silos))
                {
                    map[account] = silos = [];
                }

                silos.Add($"{Name(slot)}({reply.SiloId})");
            }
        }

        return map;
    }

    private static Method<TRequest, TResponse> AdminMethod<TRequest, TResponse>(string name)
        where TRequest : IMessage<TRequest>, new()
        where TResponse : IMessage<TResponse>, new() =>
        Method<TRequest, TResponse>.FromDescriptor(ClusterAdminReflection.Descriptor.Services[0].FindMethodByName(name));
}
