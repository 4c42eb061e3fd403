namespace AccountGrains.Abstractions;

/// <summary>The kind of caller; the role table (DOMAIN.md) decides what each may do.</summary>
[GenerateSerializer]
public enum CallerRole
{
    /// <summary>Platform services: Verify, ReportSignal, Lock.</summary>
    Platform = 1,

    /// <summary>Recovery flows: StartRecovery, CompleteRecovery.</summary>
    Recovery = 2,

    /// <summary>Integrity agents.</summary>
    Agent = 3,

    /// <summary>Vendor agents: like agents, but may not unlock a high-profile account nor manage badges.</summary>
    Vendor = 4,

    /// <summary>SREs and analysts: everything.</summary>
    Admin = 5,

    /// <summary>Quality auditors: the reports only (6 is the service's own role, never a caller's).</summary>
    Auditor = 7,
}

/// <summary>Who calls: written into history as <c>name</c> or <c>name/on-behalf-of</c>.</summary>
/// <param name="Name">The calling service's name (an API key's name, a token's subject), never empty.</param>
/// <param name="Role">Its role.</param>
/// <param name="OnBehalfOf">The human agent a tool acts for (required for agent and vendor callers at the gateway).</param>
[GenerateSerializer, Immutable]
public sealed record Caller(
    [property: Id(0)] string Name,
    [property: Id(1)] CallerRole Role,
    [property: Id(2)] string? OnBehalfOf = null);
