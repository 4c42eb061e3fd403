namespace AccountGrains.Grains;

/// <summary>How the account grain persists and reloads. Bound from <c>AccountGrains:Grains</c>.</summary>
public sealed class AccountGrainOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "AccountGrains:Grains";

    /// <summary>
    /// A snapshot is saved once this many events have been appended since the last one, so an activation
    /// replays at most about this many events. Default 100; 0 turns snapshots off.
    /// </summary>
    public int SnapshotEvery { get; set; } = 100;

    /// <summary>How many events an activation reads per round trip while it loads. Default 500.</summary>
    public int LoadPageSize { get; set; } = 500;

    /// <summary>Fails fast on values that cannot work.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(SnapshotEvery);
        ArgumentOutOfRangeException.ThrowIfLessThan(LoadPageSize, 1);
    }
}
