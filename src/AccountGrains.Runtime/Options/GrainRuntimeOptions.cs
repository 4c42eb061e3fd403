namespace AccountGrains.Runtime;

/// <summary>Options of the grain runtime, validated when the runtime is created (the host's start).</summary>
public sealed class GrainRuntimeOptions
{
    /// <summary>
    /// An activation idle (no turn) for this long is deactivated. Default: 15 minutes (Orleans' default).
    /// Must be positive and at least <see cref="CollectionQuantum"/>.
    /// </summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How often idle activations and the activation cap are checked, so an idle activation lives between
    /// <see cref="CollectionAge"/> and <see cref="CollectionAge"/> + this. Default: 1 minute (Orleans' default). Must be positive.
    /// </summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The most activations the silo keeps. Above it the least recently used idle ones are deactivated in
    /// the background, soon after an activation is created over the cap and at every quantum, down to about
    /// 1% below it; busy ones are never taken, so the cap can be exceeded briefly. Default: 1,000,000
    /// (about a GiB at the 1 KiB-per-activation budget). Must be positive.
    /// </summary>
    public int MaxActivations { get; set; } = 1_000_000;

    /// <summary>
    /// How long a graceful shutdown waits for the turns in flight and every deactivation before abandoning
    /// the rest. Default: 30 seconds (the host's own default shutdown timeout). Must be positive.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
