namespace AccountGrains.Domain.Tests.Support;

internal static class Actors
{
    public static readonly Actor Platform = new("login-service", ActorRole.Platform);
    public static readonly Actor Recovery = new("recovery-flow", ActorRole.Recovery);
    public static readonly Actor Agent = new("integrity-console", ActorRole.Agent, "agent-7");
    public static readonly Actor Vendor = new("vendor-console", ActorRole.Vendor, "vendor-3");
    public static readonly Actor Admin = new("sre", ActorRole.Admin);

    public static Actor For(ActorRole role) => role switch
    {
        ActorRole.Platform => Platform,
        ActorRole.Recovery => Recovery,
        ActorRole.Agent => Agent,
        ActorRole.Vendor => Vendor,
        ActorRole.Admin => Admin,
        _ => Actor.System,
    };
}
