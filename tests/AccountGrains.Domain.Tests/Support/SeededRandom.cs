namespace AccountGrains.Domain.Tests.Support;

/// <summary>A deterministic random source so codes, salts and attempt ids repeat from run to run.</summary>
internal sealed class SeededRandom(int seed) : IRandomSource
{
    private readonly Random _random = new(seed);

    public void Fill(Span<byte> buffer) => _random.NextBytes(buffer);

    public int NextInt(int maxExclusive) => _random.Next(maxExclusive);
}
