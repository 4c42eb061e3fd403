using System.Text.RegularExpressions;

namespace AccountGrains.Cluster;

/// <summary>
/// Options of a cluster silo, bound from <c>AccountGrains:Cluster</c> and checked by <see cref="Validate"/> at
/// start. The timing defaults detect a crashed silo in about 3 s (its accounts can be claimed again within
/// <see cref="LeaseDuration"/> of its last heartbeat); Orleans' defaults, for comparison, are a 5 s probe
/// timeout (adaptive up to 20 s), 3 missed probes and 2 votes before a silo is declared dead, and its
/// default directory allows brief duplicate activations.
/// </summary>
public sealed partial class ClusterOptions
{
    /// <summary>The configuration section the options bind from.</summary>
    public const string Section = "AccountGrains:Cluster";

    /// <summary>
    /// The PostgreSQL connection string. Default: <c>ConnectionStrings:AccountGrains</c>, the store's. Never
    /// printed, logged or put in an exception message.
    /// </summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The schema holding the <c>silos</c> and <c>grain_directory</c> tables. Default: <c>AccountGrains:Storage:Schema</c>, else <c>accountgrains</c>.</summary>
    public string Schema { get; set; } = "accountgrains";

    /// <summary>
    /// This silo's name in the membership table (for people: the pod or host name). Default: the machine name.
    /// Two processes may share it; each joins with its own generation.
    /// </summary>
    public string SiloId { get; set; } = Environment.MachineName;

    /// <summary>
    /// The address other silos forward calls to, for example <c>http://10.0.0.7:50051</c>. Default: empty
    /// (no forwarding to this silo). When set it must be an absolute http or https URI.
    /// </summary>
    public string AdvertisedAddress { get; set; } = "";

    /// <summary>How often the silo renews its lease (and writes its activation count). Default: 500 ms. At least 50 ms.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// A silo whose last heartbeat is older than this, by the database's clock, is dead: its grains may be
    /// claimed by others. Default: 3 s. Must be at least twice <see cref="HeartbeatInterval"/> plus <see cref="SafetyMargin"/>.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// How much sooner than <see cref="LeaseDuration"/> the silo stops serving when it cannot renew, measured
    /// from the moment it sent its last successful renewal, by its own monotonic clock. It covers clock rate
    /// differences and the length of one turn. Default: 1 s. Positive and less than <see cref="LeaseDuration"/>.
    /// </summary>
    public TimeSpan SafetyMargin { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Rows of silos that left or died longer ago than this are deleted. Default: 1 hour. Positive.</summary>
    public TimeSpan DefunctSiloRetention { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The process exit code when the silo finds itself declared dead. Default: 70 (EX_SOFTWARE). Not 0.</summary>
    public int DeclaredDeadExitCode { get; set; } = 70;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid option (never the connection string).</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException("ClusterOptions.ConnectionString is required (ConnectionStrings:AccountGrains or AccountGrains:Cluster:ConnectionString).", nameof(ConnectionString));
        }

        if (Schema is null || !SchemaName().IsMatch(Schema))
        {
            throw new ArgumentException("ClusterOptions.Schema must be lower-case letters, digits and underscores, starting with a letter or underscore, at most 63 characters.", nameof(Schema));
        }

        if (string.IsNullOrWhiteSpace(SiloId) || SiloId.Length > 200)
        {
            throw new ArgumentException("ClusterOptions.SiloId must be 1-200 characters.", nameof(SiloId));
        }

        if (!string.IsNullOrEmpty(AdvertisedAddress)
            && !(Uri.TryCreate(AdvertisedAddress, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            throw new ArgumentException("ClusterOptions.AdvertisedAddress must be an absolute http or https URI.", nameof(AdvertisedAddress));
        }

        if (HeartbeatInterval < TimeSpan.FromMilliseconds(50))
        {
            throw new ArgumentOutOfRangeException(nameof(HeartbeatInterval), "ClusterOptions.HeartbeatInterval must be at least 50 ms.");
        }

        if (SafetyMargin <= TimeSpan.Zero || SafetyMargin >= LeaseDuration)
        {
            throw new ArgumentOutOfRangeException(nameof(SafetyMargin), "ClusterOptions.SafetyMargin must be positive and less than LeaseDuration.");
        }

        if (LeaseDuration < (2 * HeartbeatInterval) + SafetyMargin)
        {
            throw new ArgumentOutOfRangeException(nameof(LeaseDuration), "ClusterOptions.LeaseDuration must be at least twice HeartbeatInterval plus SafetyMargin, or one slow heartbeat would fence the silo.");
        }

        if (DefunctSiloRetention <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(DefunctSiloRetention), "ClusterOptions.DefunctSiloRetention must be positive.");
        }

        if (DeclaredDeadExitCode == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(DeclaredDeadExitCode), "ClusterOptions.DeclaredDeadExitCode must not be 0.");
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SchemaName();
}
