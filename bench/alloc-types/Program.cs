using System.Globalization;
using Microsoft.Diagnostics.Tracing;

// Usage: AccountGrains.Bench.AllocTypes <trace.nettrace> [top]: the types a process allocated most while traced,
// from the runtime's allocation ticks (one event about every 100 KB, naming the type that crossed the line).
var bytes = new Dictionary<string, long>();
long total = 0;
using (var source = new EventPipeEventSource(args[0]))
{
    source.Clr.GCAllocationTick += tick =>
    {
        var type = tick.TypeName ?? "?";
        bytes[type] = bytes.GetValueOrDefault(type) + tick.AllocationAmount64;
        total += tick.AllocationAmount64;
    };
    source.Process();
}

var top = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30;
Console.WriteLine($"share of {total:N0} sampled bytes, by type:");
foreach (var (type, amount) in bytes.OrderByDescending(kv => kv.Value).Take(top))
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{amount * 100.0 / total,6:F2}%  {type}"));
}
