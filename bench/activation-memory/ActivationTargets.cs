using AccountGrains.Abstractions;
using AccountGrains.Bench.TrivialGrain;

namespace AccountGrains.Bench.ActivationMemory;

/// <summary>One kind of grain to activate: how its silo is set up and how one Verify reaches it.</summary>
internal abstract class ActivationTarget(string kind, string name, Type grainType)
{
    public string Kind { get; } = kind;

    public string Name { get; } = name;

    public Type GrainType { get; } = grainType;

    public abstract void Configure(ISiloBuilder silo);

    public abstract ValueTask VerifyAsync(IGrainFactory grains, string accountId);
}

internal static class ActivationTargets
{
    public static ActivationTarget Parse(string kind) => kind switch
    {
        "trivial" => new Trivial(),
        _ => throw new ArgumentException($"unknown kind '{kind}' (trivial, account)", nameof(kind)),
    };

    /// <summary>A grain with no state and no dependencies: Orleans' own cost per activation.</summary>
    private sealed class Trivial() : ActivationTarget("trivial", "trivial grain (constant Verify)", typeof(TrivialAccountGrain))
    {
        public override void Configure(ISiloBuilder silo)
        {
        }

        public override async ValueTask VerifyAsync(IGrainFactory grains, string accountId) =>
            _ = await grains.GetGrain<ITrivialAccountGrain>(accountId).Verify(VerifyAction.Login, null);
    }
}
