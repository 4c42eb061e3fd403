using FsCheck;
using FsCheck.Fluent;

namespace AccountGrains.Domain.Tests.Properties;

/// <summary>What one generated step does; turned into commands against the live account (which knows the open attempt and its code).</summary>
internal enum StepKind
{
    Lock,
    UnlockById,
    UnlockByReason,
    UnlockAll,
    FailedLogins,
    SuccessfulLogin,
    CredentialLeaked,
    SimSwap,
    SuspiciousLogin,
    CredentialReset,
    StartRecovery,
    CompleteWithRightCode,
    CompleteWithWrongCode,
    CompleteStaleAttempt,
    GrantVerification,
    RevokeVerification,
    HighProfileOn,
    HighProfileOff,
    Timer,
}

/// <param name="Delta">Time passing before the step.</param>
/// <param name="Kind">What it does.</param>
/// <param name="RoleChoice">0–6: a role the table allows for the step; 7–9: any caller role.</param>
/// <param name="N">Picks a reason, lock, device, channel, duration or repeat count.</param>
/// <param name="Key">An idempotency key from a small pool, so repeats happen.</param>
internal sealed record Step(TimeSpan Delta, StepKind Kind, int RoleChoice, int N, string? Key)
{
    public override string ToString() => $"+{Delta} {Kind} role#{RoleChoice} n={N} key={Key ?? "-"}";
}

/// <param name="Seed">Seeds the random source (codes, salts, attempt ids).</param>
/// <param name="Steps">The steps.</param>
internal sealed record Scenario(int Seed, Step[] Steps)
{
    public override string ToString() => $"seed {Seed}:\n  " + string.Join("\n  ", Steps.Select(s => s.ToString()));
}

internal static class CommandSequences
{
    private static readonly Gen<TimeSpan> Delta = Gen.Frequency(
        (4, Gen.Choose(0, 120).Select(s => TimeSpan.FromSeconds(s))),
        (3, Gen.Choose(1, 30).Select(m => TimeSpan.FromMinutes(m))),
        (2, Gen.Choose(1, 6).Select(h => TimeSpan.FromHours(h))),
        (1, Gen.Choose(1, 4).Select(d => TimeSpan.FromDays(d))));

    private static readonly Gen<string?> Key = Gen.Frequency(
        (4, Gen.Constant<string?>(null)),
        (1, Gen.Elements<string?>("k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7")));

    // Failed logins come often so the brute-force rule trips; recovery steps often so its limits are reached.
    private static readonly Gen<StepKind> Kind = Gen.Frequency(
        Enum.GetValues<StepKind>().Select(k => (k switch
        {
            StepKind.FailedLogins or StepKind.Lock or StepKind.StartRecovery => 4,
            StepKind.CompleteWithRightCode or StepKind.CompleteWithWrongCode or StepKind.Timer => 3,
            _ => 1,
        }, Gen.Constant(k))).ToArray());

    private static readonly Gen<Step> StepGen =
        from delta in Delta
        from kind in Kind
        from role in Gen.Choose(0, 9)
        from n in Gen.Choose(0, 11)
        from key in Key
        select new Step(delta, kind, role, n, key);

    public static Arbitrary<Scenario> Scenarios { get; } =
        (from seed in Gen.Choose(0, int.MaxValue - 1)
         from length in Gen.Choose(1, 60)
         from steps in Gen.ArrayOf(StepGen, length)
         select new Scenario(seed, steps)).ToArbitrary();
}
