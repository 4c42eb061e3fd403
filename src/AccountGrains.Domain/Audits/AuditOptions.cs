using System.Globalization;

namespace AccountGrains.Domain;

/// <summary>
/// Which share of agent and vendor actions is sampled into the quality-review queue (<c>AccountGrains:Audits</c>).
/// Validate once at start (<see cref="Validate"/>). Changing a share changes which future actions are sampled; an
/// action's sampling is decided from its event id alone, so a rerun over the same history samples the same.
/// </summary>
public sealed class AuditOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "AccountGrains:Audits";

    /// <summary>The defaults, validated.</summary>
    public static AuditOptions Default { get; } = new();

    /// <summary>The share of a vendor's actions sampled, 0 to 1. Default 0.10 (DOMAIN.md).</summary>
    public double VendorShare { get; init; } = 0.10;

    /// <summary>The share of an agent's actions sampled, 0 to 1. Default 0.02 (DOMAIN.md).</summary>
    public double AgentShare { get; init; } = 0.02;

    /// <summary>
    /// Per role and action, a share that replaces the role's: keys are <c>Role.EventType</c> (<c>Vendor.LockLifted</c>,
    /// <c>Agent.VerificationRevoked</c>; the role is <c>Agent</c> or <c>Vendor</c>), values 0 to 1.
    /// </summary>
    public Dictionary<string, double> ActionShares { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The share that applies to an action of <paramref name="role"/> writing <paramref name="eventType"/>: 0 for any role but agent and vendor.</summary>
    public double ShareOf(ActorRole role, string eventType)
    {
        if (role is not (ActorRole.Agent or ActorRole.Vendor))
        {
            return 0;
        }

        return ActionShares.TryGetValue(role + "." + eventType, out var share) ? share
            : role == ActorRole.Vendor ? VendorShare : AgentShare;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming every option out of range.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        Share(VendorShare, nameof(VendorShare), errors);
        Share(AgentShare, nameof(AgentShare), errors);
        foreach (var (key, share) in ActionShares)
        {
            var dot = key.IndexOf('.', StringComparison.Ordinal);
            var role = dot > 0 ? key[..dot] : "";
            if (dot <= 0 || dot == key.Length - 1
                || !(role.Equals(nameof(ActorRole.Agent), StringComparison.OrdinalIgnoreCase) || role.Equals(nameof(ActorRole.Vendor), StringComparison.OrdinalIgnoreCase)))
            {
                errors.Add($"{nameof(ActionShares)} key '{key}' is not Agent.<EventType> or Vendor.<EventType>.");
            }

            Share(share, $"{nameof(ActionShares)}:{key}", errors);
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid AccountGrains:Audits options: " + string.Join(" ", errors));
        }
    }

    private static void Share(double value, string name, List<string> errors)
    {
        if (double.IsNaN(value) || value < 0 || value > 1)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{name} must be between 0 and 1 (was {value})."));
        }
    }
}
