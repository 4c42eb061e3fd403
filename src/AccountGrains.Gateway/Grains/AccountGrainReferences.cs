using AccountGrains.Abstractions;

namespace AccountGrains.Gateway;

/// <summary>
/// Account grain references without resolving the interface's grain type on every call.
/// </summary>
/// <remarks>
/// <c>IGrainFactory.GetGrain&lt;IAccountGrain&gt;(key)</c> formats the interface's type name and looks its grain type
/// up on each call (Orleans 10.4 does not cache that); on Verify it was a few percent of the silo's CPU
/// (perf, bench/verify-h2load). The grain type and interface type never change while the silo runs, so they are
/// resolved once, from the first reference, and every later reference is made from them.
/// </remarks>
internal sealed class AccountGrainReferences(IGrainFactory grains)
{
    private Resolved? _resolved;

    public IAccountGrain For(string accountId)
    {
        if (_resolved is not { } resolved)
        {
            var first = grains.GetGrain<IAccountGrain>(accountId);
            var reference = (GrainReference)(object)first;
            _resolved = new Resolved(reference.GrainId.Type, reference.InterfaceType);
            return first;
        }

        return (IAccountGrain)grains.GetGrain(GrainId.Create(resolved.GrainType, accountId), resolved.InterfaceType);
    }

    private sealed record Resolved(GrainType GrainType, GrainInterfaceType InterfaceType);
}
