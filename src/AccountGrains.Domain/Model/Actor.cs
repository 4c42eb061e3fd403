namespace AccountGrains.Domain;

/// <summary>The kind of caller; decides what it may do (see <see cref="Permissions"/>).</summary>
public enum ActorRole
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

    /// <summary>The service itself (durable timers, automatic locks). Never an external caller.</summary>
    System = 6,

    /// <summary>Quality auditors: the reports only.</summary>
    Auditor = 7,
}

/// <summary>Who issues a command: an API key's name and role, and the human agent it acts for, if any.</summary>
/// <param name="Name">The caller's name (an API key name), never empty.</param>
/// <param name="Role">The caller's role.</param>
/// <param name="OnBehalfOf">The agent id the caller acts for, when a tool acts for a person.</param>
public sealed record Actor(string Name, ActorRole Role, string? OnBehalfOf = null)
{
    /// <summary>The service itself, written to history as <c>system</c>.</summary>
    public static Actor System { get; } = new("system", ActorRole.System);

    /// <summary>How the actor is written to history: <c>name</c>, or <c>name/agent</c> when acting on behalf of an agent.</summary>
    public string Display => OnBehalfOf is null ? Name : Name + "/" + OnBehalfOf;
}
