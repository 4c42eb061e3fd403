using System.Text.RegularExpressions;

namespace AccountGrains.Fencing;

/// <summary>
/// The silo's PostgreSQL lease, bound from <c>AccountGrains:Cluster</c> and validated at start. A silo serves grain
/// calls only while its last successful renewal was sent less than <see cref="LeaseDuration"/> − <see cref="SafetyMargin"/>
/// ago by its own monotonic clock; others treat its lease as live until <see cref="LeaseDuration"/> after the renewal
/// by the database's clock. Orleans itself has no such lease (a partitioned or paused silo serves until it reads that
/// it was declared dead): see docs/decisions/0007-fencing-on-orleans.md.
/// </summary>
public sealed partial class ClusterFencingOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string Section = "AccountGrains:Cluster";

    /// <summary>
    /// The PostgreSQL connection string (the host passes <c>ConnectionStrings:AccountGrains</c>). Never printed,
    /// logged or put in an exception message.
    /// </summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// The schema holding Orleans' tables and the leases: the store's, <c>AccountGrains:Storage:Schema</c>, default
    /// <c>accountgrains</c>. Lower-case letters, digits and underscores, starting with a letter or underscore.
    /// </summary>
    public string Schema { get; set; } = "accountgrains";

    /// <summary>How often the silo renews its lease. Default 500 ms; at least 50 ms.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long a renewal keeps the lease live, by the database clock. Default 3 s; at least twice
    /// <see cref="HeartbeatInterval"/> plus <see cref="SafetyMargin"/>, so one slow heartbeat does not fence the silo.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How much sooner than <see cref="LeaseDuration"/> the silo stops serving: it covers a difference in clock rates
    /// and one turn already running when the window closes. Default 1 s; positive and less than <see cref="LeaseDuration"/>.
    /// </summary>
    public TimeSpan SafetyMargin { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest an activation waits for the leases of silos that Orleans no longer counts as active (or for this
    /// silo's own lease) before it fails with <c>AccountUnavailableException</c>. Default 10 s; more than <see cref="LeaseDuration"/>.
    /// </summary>
    public TimeSpan ActivationGateTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The process exit code when the silo lost its lease or was declared dead. Default 70 (EX_SOFTWARE); not 0.</summary>
    public int LeaseLostExitCode { get; set; } = 70;

    /// <summary>The window after a renewal was sent in which the silo may serve: <see cref="LeaseDuration"/> − <see cref="SafetyMargin"/>.</summary>
    internal TimeSpan ServingWindow => LeaseDuration - SafetyMargin;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option (never the connection string's value).</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException("ClusterFencingOptions.ConnectionString is required (ConnectionStrings:AccountGrains).", nameof(ConnectionString));
        }

        if (Schema is null || !SchemaName().IsMatch(Schema))
        {
            throw new ArgumentException("ClusterFencingOptions.Schema (AccountGrains:Storage:Schema) must be lower-case letters, digits and underscores, starting with a letter or underscore, at most 63 characters.", nameof(Schema));
        }

        if (HeartbeatInterval < TimeSpan.FromMilliseconds(50))
        {
            throw new ArgumentOutOfRangeException(nameof(HeartbeatInterval), "AccountGrains:Cluster:HeartbeatInterval must be at least 50 ms.");
        }

        if (SafetyMargin <= TimeSpan.Zero || SafetyMargin >= LeaseDuration)
        {
            throw new ArgumentOutOfRangeException(nameof(SafetyMargin), "AccountGrains:Cluster:SafetyMargin must be positive and less than LeaseDuration.");
        }

        if (LeaseDuration < (2 * HeartbeatInterval) + SafetyMargin)
        {
            throw new ArgumentOutOfRangeException(nameof(LeaseDuration), "AccountGrains:Cluster:LeaseDuration must be at least twice HeartbeatInterval plus SafetyMargin.");
        }

        if (ActivationGateTimeout <= LeaseDuration)
        {
            throw new ArgumentOutOfRangeException(nameof(ActivationGateTimeout), "AccountGrains:Cluster:ActivationGateTimeout must be more than LeaseDuration, or a gate could give up on a lease that is about to expire.");
        }

        if (LeaseLostExitCode == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(LeaseLostExitCode), "AccountGrains:Cluster:LeaseLostExitCode must not be 0.");
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaName();
}
