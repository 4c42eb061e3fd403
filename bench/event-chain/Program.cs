using System.Text;
using AccountGrains.Storage;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;

// Usage: dotnet run -c Release --project bench/event-chain -- [BenchmarkDotNet arguments, e.g. --job short]
BenchmarkSwitcher.FromAssembly(typeof(ChainBench).Assembly).Run(args);

/// <summary>One event's link, for a payload of a typical size (a LockPlaced event's JSON is about 200 bytes) and a large one.</summary>
[MemoryDiagnoser]
public class ChainBench
{
    private EventData _event = null!;

    /// <summary>The serialized payload's size in bytes.</summary>
    [Params(200, 2000)]
    public int PayloadBytes { get; set; }

    /// <summary>Builds the event.</summary>
    [GlobalSetup]
    public void Setup() =>
        _event = new EventData("LockPlaced", DateTimeOffset.UtcNow, "agents-svc/agent-7", "policy violation", Encoding.UTF8.GetBytes(new string('x', PayloadBytes)));

    /// <summary>The hash the store computes per appended event.</summary>
    [Benchmark]
    public byte[] Next() => EventChain.Next(EventChain.Genesis.Span, "account-1234567890", 42, _event);
}
