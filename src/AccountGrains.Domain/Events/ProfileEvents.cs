namespace AccountGrains.Domain;

/// <summary>Sessions issued before <paramref name="ValidAfter"/> are no longer valid (<c>SessionsRevoked</c>). Shared Signals: CAEP <c>session-revoked</c>.</summary>
/// <param name="ValidAfter">The new <c>sessions_valid_after</c>.</param>
public sealed record SessionsRevoked(DateTimeOffset ValidAfter) : AccountEvent;

/// <summary>A verification badge was granted (<c>VerificationGranted</c>); since = the event's time, by = its actor.</summary>
/// <param name="Category">The badge's category.</param>
public sealed record VerificationGranted(string Category) : AccountEvent;

/// <summary>The badge was revoked (<c>VerificationRevoked</c>), by an agent or by an IMPERSONATION / DECEPTIVE_IDENTITY lock.</summary>
/// <param name="RevocationReason">Why; for an automatic revocation, the lock reason (<c>IMPERSONATION</c>).</param>
/// <param name="LockId">The lock that caused it, for an automatic revocation.</param>
public sealed record VerificationRevoked(string RevocationReason, string? LockId = null) : AccountEvent;

/// <summary>The high-profile flag changed (<c>HighProfileChanged</c>).</summary>
/// <param name="HighProfile">The new value.</param>
public sealed record HighProfileChanged(bool HighProfile) : AccountEvent;
