using FsCheck;
using FsCheck.Fluent;

namespace AccountGrains.Domain.Tests.Properties;

public sealed class AccountPropertyTests
{
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(300);

    /// <summary>
    /// Over random command sequences with random time steps: Decide never mutates; refusals write nothing;
    /// versions are contiguous; a remembered idempotency key writes nothing; recovery never lifts
    /// IMPERSONATION / DECEPTIVE_IDENTITY / POLICY_VIOLATION / USER_REQUESTED locks; a vendor never unlocks a
    /// high-profile account; at most 3 recovery attempts in any 24 h; Verify is DENY exactly while a lock is in
    /// force (never for RECOVER); no payload, rendering or snapshot holds a plaintext code; and replaying the
    /// serialized history gives the live state, whose snapshot round-trips exactly.
    /// </summary>
    [Fact]
    public void RandomCommandSequences_KeepEveryInvariant_AndReplayToTheLiveState()
    {
        var property = Prop.ForAll(CommandSequences.Scenarios, scenario => new ScenarioRunner(scenario).Run());

        Check.One(Config, property);
    }
}
