using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace AccountGrains.Bench.ActivationMemory;

/// <summary>What one kind of grain cost: live heap before and after <see cref="Activations"/> more idle activations.</summary>
internal sealed record Measurement(string Kind, string Name, int Activations, long LiveActivations, long HeapBefore, long HeapAfter)
{
    public double BytesPerActivation => (HeapAfter - HeapBefore) / (double)Activations;
}

/// <summary>Activates N distinct grains on a fresh single silo and measures the live heap they hold once idle.</summary>
internal static class ActivationBench
{
    // Enough calls before the first probe that JIT, the directory's and the collector's tables and the
    // store's first-use allocations are already in the baseline, not charged to the measured activations.
    private const int WarmUp = 2_000;

    public static async Task<Measurement> MeasureAsync(ActivationTarget target, int count, int concurrency)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo =>
        {
            // Port 0 would not do for localhost clustering (the silo's own address is its membership entry); ports
            // next to the OS's ephemeral choice would collide, so ask the OS for two free ones.
            silo.UseLocalhostClustering(FreePorts.Next(), FreePorts.Next());
            // No idle collection or memory shedding while measuring: every activation must still be there at the probe.
            silo.Configure<GrainCollectionOptions>(o =>
            {
                o.CollectionAge = TimeSpan.FromHours(2);
                o.EnableActivationSheddingOnMemoryPressure = false;
            });
            target.Configure(silo);
        });
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            await ActivateAsync(target, grains, "warm-", WarmUp, concurrency);
            var before = LiveHeap();
            await ActivateAsync(target, grains, "bench-", count, concurrency);
            var after = LiveHeap();

            var live = await LiveActivationsAsync(grains, target.GrainClass);
            if (live < WarmUp + count)
            {
                throw new InvalidOperationException($"{target.Kind}: {live} live activations at the probe, expected {WarmUp + count}: some were collected.");
            }

            return new Measurement(target.Kind, target.Name, count, live, before, after);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static Task ActivateAsync(ActivationTarget target, IGrainFactory grains, string prefix, int count, int concurrency) =>
        Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (i, _) => await target.VerifyAsync(grains, $"{prefix}{i:D7}"));

    private static long LiveHeap()
    {
        // Twice, so objects released by finalizers the first collection ran are gone too.
        for (var i = 0; i < 2; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static async Task<long> LiveActivationsAsync(IGrainFactory grains, string name)
    {
        var statistics = await grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics.Where(s => s.GrainType.Contains(name, StringComparison.Ordinal)).Sum(s => (long)s.ActivationCount);
    }
}
