using AccountGrains.Abstractions;
using AccountGrains.Bench.TrivialGrain;
using AccountGrains.Grains;
using AccountGrains.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace AccountGrains.Bench.ActivationMemory;

/// <summary>One kind of grain to activate: how its silo is set up and how one Verify reaches it.</summary>
internal abstract class ActivationTarget(string kind, string name, string grainClass)
{
    public string Kind { get; } = kind;

    public string Name { get; } = name;

    /// <summary>The grain class's full name, as Orleans' grain statistics name it.</summary>
    public string GrainClass { get; } = grainClass;

    public abstract void Configure(ISiloBuilder silo);

    public abstract ValueTask VerifyAsync(IGrainFactory grains, string accountId);
}

internal static class ActivationTargets
{
    public static ActivationTarget Parse(string kind) => kind switch
    {
        "trivial" => new Trivial(),
        "account" => new Account(),
        _ => throw new ArgumentException($"unknown kind '{kind}' (trivial, account)", nameof(kind)),
    };

    /// <summary>A grain with no state and no dependencies: Orleans' own cost per activation.</summary>
    private sealed class Trivial() : ActivationTarget("trivial", "trivial grain (constant Verify)", typeof(TrivialAccountGrain).FullName!)
    {
        public override void Configure(ISiloBuilder silo)
        {
        }

        public override async ValueTask VerifyAsync(IGrainFactory grains, string accountId) =>
            _ = await grains.GetGrain<ITrivialAccountGrain>(accountId).Verify(VerifyAction.Login, null);
    }

    /// <summary>The product's grain as the silo registers it (AddAccountGrains), over a store that holds nothing.</summary>
    private sealed class Account() : ActivationTarget("account", "AccountGrain (the product's)", "AccountGrains.Grains.AccountGrain")
    {
        public override void Configure(ISiloBuilder silo)
        {
            silo.Services.AddSingleton<IEventStore, EmptyEventStore>();
            silo.Services.AddSingleton(TimeProvider.System);
            silo.UseInMemoryReminderService();
            silo.AddAccountGrains();
        }

        public override async ValueTask VerifyAsync(IGrainFactory grains, string accountId) =>
            _ = await grains.GetGrain<IAccountGrain>(accountId).Verify(VerifyAction.Login, null);
    }
}
