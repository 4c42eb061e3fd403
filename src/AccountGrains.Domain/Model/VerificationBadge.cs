namespace AccountGrains.Domain;

/// <summary>Where a verification badge stands.</summary>
public enum BadgeStatus
{
    /// <summary>Never verified (the default).</summary>
    Unverified = 0,

    /// <summary>Verified in a category.</summary>
    Verified = 1,

    /// <summary>Was verified; the badge was taken away.</summary>
    Revoked = 2,
}

/// <summary>The verification badge: <c>UNVERIFIED | VERIFIED{category, since, by} | REVOKED{reason}</c>.</summary>
/// <param name="Status">Which of the three.</param>
/// <param name="Category">When verified: the category (for example <c>government</c>, <c>journalist</c>).</param>
/// <param name="Since">When verified: when the badge was granted.</param>
/// <param name="By">When verified: who granted it.</param>
/// <param name="RevokedReason">When revoked: why.</param>
public sealed record VerificationBadge(
    BadgeStatus Status,
    string? Category = null,
    DateTimeOffset? Since = null,
    string? By = null,
    string? RevokedReason = null)
{
    /// <summary>The shared unverified badge.</summary>
    public static VerificationBadge Unverified { get; } = new(BadgeStatus.Unverified);
}
