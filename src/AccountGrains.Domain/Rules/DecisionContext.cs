using System.Security.Cryptography;

namespace AccountGrains.Domain;

/// <summary>Randomness for recovery codes, salts and attempt ids; injected so tests are deterministic.</summary>
public interface IRandomSource
{
    /// <summary>Fills <paramref name="buffer"/> with random bytes.</summary>
    void Fill(Span<byte> buffer);

    /// <summary>A uniform integer in [0, <paramref name="maxExclusive"/>).</summary>
    int NextInt(int maxExclusive);
}

/// <summary>The production source: the operating system's CSPRNG (<see cref="RandomNumberGenerator"/>).</summary>
public sealed class CryptoRandomSource : IRandomSource
{
    private CryptoRandomSource()
    {
    }

    /// <summary>The one instance (stateless, thread-safe).</summary>
    public static CryptoRandomSource Instance { get; } = new();

    /// <inheritdoc/>
    public void Fill(Span<byte> buffer) => RandomNumberGenerator.Fill(buffer);

    /// <inheritdoc/>
    public int NextInt(int maxExclusive) => RandomNumberGenerator.GetInt32(maxExclusive);
}

/// <summary>What a decision may depend on besides state and command.</summary>
/// <param name="Now">The current instant, taken by the caller from its injected <see cref="TimeProvider"/>.</param>
/// <param name="Options">The rules' numbers, validated.</param>
/// <param name="Random">Randomness for codes, salts and ids.</param>
public readonly record struct DecisionContext(DateTimeOffset Now, AccountRulesOptions Options, IRandomSource Random)
{
    /// <summary>A context with the default options and the cryptographic random source.</summary>
    public static DecisionContext At(DateTimeOffset now) => new(now, AccountRulesOptions.Default, CryptoRandomSource.Instance);
}
