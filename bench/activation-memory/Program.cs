using System.Globalization;
using AccountGrains.Bench.ActivationMemory;

// Usage: AccountGrains.Bench.ActivationMemory [count=100000] [kinds=trivial,account] [concurrency=256]
// Prints a Markdown table: live GC heap bytes per idle activation for each kind, and account / trivial.
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var kinds = (args.Length > 1 ? args[1] : "trivial,account").Split(',', StringSplitOptions.RemoveEmptyEntries);
var concurrency = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 256;

var results = new List<Measurement>();
foreach (var kind in kinds)
{
    var target = ActivationTargets.Parse(kind);
    Console.Error.WriteLine($"{kind}: activating {count:N0} grains on a fresh silo...");
    var measurement = await ActivationBench.MeasureAsync(target, count, concurrency);
    Console.Error.WriteLine($"{kind}: {measurement.BytesPerActivation:N0} bytes/activation ({measurement.LiveActivations:N0} live activations of its class at the probe, warm-up included)");
    results.Add(measurement);
}

Console.WriteLine("| grain | activations | live heap before | live heap after | bytes / activation |");
Console.WriteLine("|---|---:|---:|---:|---:|");
foreach (var m in results)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {m.Name} | {m.Activations:N0} | {m.HeapBefore / 1048576.0:F1} MiB | {m.HeapAfter / 1048576.0:F1} MiB | {m.BytesPerActivation:N0} ({m.BytesPerActivation / 1024.0:F2} KiB) |"));
}

var trivial = results.Find(m => m.Kind == "trivial");
var account = results.Find(m => m.Kind == "account");
if (trivial is not null && account is not null)
{
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Ratio AccountGrain / trivial grain: **{account.BytesPerActivation / trivial.BytesPerActivation:F2}**"));
}
