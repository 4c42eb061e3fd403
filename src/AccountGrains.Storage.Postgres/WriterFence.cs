namespace AccountGrains.Storage.Postgres;

/// <summary>
/// The cluster lease this process writes under: once held, every append's transaction first checks, by the database's
/// clock, that the lease is still live (not expired, not released) and fails otherwise, writing nothing. Set by the
/// silo's lease keeper when it acquires the lease; unset (a single silo, a tool) appends are not checked. See
/// <c>docs/decisions/0018-appends-carry-the-writers-lease.md</c>.
/// </summary>
public sealed class WriterFence
{
    private volatile Lease? _lease;

    /// <summary>Whether appends are checked against a lease.</summary>
    public bool IsHeld => _lease is not null;

    internal Lease? Current => _lease;

    /// <summary>From now on, appends commit only while the lease keyed by these values is live in <c>silo_leases</c>.</summary>
    /// <param name="clusterId">Orleans' cluster id.</param>
    /// <param name="address">The silo's address as its lease row has it.</param>
    /// <param name="port">The silo's port.</param>
    /// <param name="generation">The silo's generation.</param>
    public void Hold(string clusterId, string address, int port, int generation)
    {
        ArgumentException.ThrowIfNullOrEmpty(clusterId);
        ArgumentException.ThrowIfNullOrEmpty(address);
        _lease = new Lease(clusterId, address, port, generation);
    }

    internal sealed record Lease(string ClusterId, string Address, int Port, int Generation);
}
