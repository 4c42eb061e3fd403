using AccountGrains.Contracts.V1;

namespace AccountGrains.ClusterProcess.Tests.Harness;

/// <summary>The admin service, called on one silo (an open silo treats every local caller as admin).</summary>
internal sealed partial class ClusterHarness
{
    private static readonly TimeSpan AdminDeadline = TimeSpan.FromSeconds(5);

    public async Task<ListSilosReply> ListSilosAsync(int slot) =>
        await _admins[slot].ListSilosAsync(DateTimeOffset.UtcNow + AdminDeadline);

    /// <summary>The accounts active on that silo (Orleans' management grain, answered by the silo itself).</summary>
    public async Task<ListActivationsReply> ListActivationsAsync(int slot) =>
        await _admins[slot].ListActivationsAsync(DateTimeOffset.UtcNow + AdminDeadline);

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
}
