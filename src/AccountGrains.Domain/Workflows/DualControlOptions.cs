namespace AccountGrains.Domain;

/// <summary>
/// Which actions need a second person's approval (DOMAIN.md "Dual control"), and how long a request waits. Bound from
/// <c>AccountGrains:DualControl</c>; validated with <see cref="AccountRulesOptions.Validate"/>.
/// </summary>
public sealed class DualControlOptions
{
    /// <summary>Unlocking a high-profile account (any lock, any scope) opens a request. Default on.</summary>
    public bool HighProfileUnlock { get; set; } = true;

    /// <summary>Lifting an IMPERSONATION or DECEPTIVE_IDENTITY lock (on any account) opens a request. Default on.</summary>
    public bool IdentityLockLift { get; set; } = true;

    /// <summary>Revoking a high-profile account's verification badge opens a request. Default on.</summary>
    public bool HighProfileBadgeRevoke { get; set; } = true;

    /// <summary>How long a request waits for approval before it lapses (a durable timer writes the lapse). Default 24 h; at most 30 days.</summary>
    public TimeSpan RequestLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Pending requests one account may hold at once (a further one is RESOURCE_EXHAUSTED). Default 16; 1 to 256.</summary>
    public int MaxPendingRequests { get; set; } = 16;

    internal void Validate(List<string> errors)
    {
        if (RequestLifetime <= TimeSpan.Zero || RequestLifetime > TimeSpan.FromDays(30))
        {
            errors.Add($"DualControl:{nameof(RequestLifetime)} must be positive and at most 30 days (was {RequestLifetime}).");
        }

        if (MaxPendingRequests is < 1 or > 256)
        {
            errors.Add($"DualControl:{nameof(MaxPendingRequests)} must be between 1 and 256 (was {MaxPendingRequests}).");
        }
    }
}
