using AccountGrains.Domain;
using AccountGrains.Grains;
using AccountGrains.Runtime;
using AccountGrains.Storage;

namespace AccountGrains.Cluster.Tests.Support;

/// <summary>How one call on one silo ended.</summary>
internal sealed record Attempt(string SiloId, bool Served, GrainNotOwnedException? NotOwned, SiloUnavailableException? Unavailable, bool StoreDown = false)
{
    /// <summary>Calls Verify on the account through <paramref name="silo"/>, activating it there if needed.</summary>
    public static async Task<Attempt> VerifyAsync(ClusterSilo silo, string accountId)
    {
        try
        {
            await silo.Grains.GetAccount(accountId).VerifyAsync(VerifyAction.Login, null);
            return new Attempt(silo.SiloId, true, null, null);
        }
        catch (GrainNotOwnedException e)
        {
            return new Attempt(silo.SiloId, false, e, null);
        }
        catch (SiloUnavailableException e)
        {
            return new Attempt(silo.SiloId, false, null, e);
        }
        catch (StoreUnavailableException)
        {
            return new Attempt(silo.SiloId, false, null, null, StoreDown: true);
        }
    }
}
