using AccountGrains.Abstractions;

namespace AccountGrains.Grains.Tests.Support;

/// <summary>The callers the tests use, one per role.</summary>
internal static class Callers
{
    public static readonly Caller Agent = new("integrity-key", CallerRole.Agent, "agent-7");
    public static readonly Caller Platform = new("platform-key", CallerRole.Platform);
    public static readonly Caller RecoveryFlow = new("recovery-key", CallerRole.Recovery);
    public static readonly Caller Admin = new("sre-key", CallerRole.Admin);
}
