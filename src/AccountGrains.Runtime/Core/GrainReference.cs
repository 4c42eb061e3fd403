namespace AccountGrains.Runtime;

/// <summary>
/// A cheap reference to a grain (a struct holding its id): calls through it are turns on the grain's
/// activation, which the runtime creates on the first call.
/// </summary>
/// <typeparam name="TGrain">The grain class.</typeparam>
public readonly struct GrainReference<TGrain> : IEquatable<GrainReference<TGrain>>
    where TGrain : Grain
{
    private readonly GrainRuntime _runtime;
    private readonly GrainTypeInfo _type;

    internal GrainReference(GrainRuntime runtime, GrainTypeInfo type, GrainId grainId)
    {
        _runtime = runtime;
        _type = type;
        GrainId = grainId;
    }

    /// <summary>The grain this reference calls.</summary>
    public GrainId GrainId { get; }

    /// <summary>
    /// Runs <paramref name="call"/> as one turn of the grain: after the turns queued before it and
    /// alone (never concurrently with another turn of the same grain).
    /// </summary>
    /// <remarks>
    /// Pass the call's inputs as <paramref name="argument"/> and use a static lambda, so no closure is
    /// allocated. A warm, idle grain runs the turn on the caller's thread; a busy one queues it.
    /// </remarks>
    /// <param name="argument">The call's input, passed to <paramref name="call"/>.</param>
    /// <param name="call">The turn: the grain, the argument, and <paramref name="cancellationToken"/>.</param>
    /// <param name="cancellationToken">Cancels the call while it waits in the queue; once the turn began it is passed to the grain.</param>
    /// <returns>What the turn returned; or the turn's exception; or the activation's exception if activating the grain failed.</returns>
    /// <exception cref="SiloUnavailableException">The silo is shutting down and accepts no new calls.</exception>
    /// <exception cref="GrainNotOwnedException">This silo may not activate the grain (another silo owns it).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the turn began.</exception>
    public ValueTask<TResult> InvokeAsync<TArg, TResult>(TArg argument, Func<TGrain, TArg, CancellationToken, ValueTask<TResult>> call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        return _runtime.InvokeAsync(_type, GrainId, argument, call, cancellationToken);
    }

    /// <inheritdoc/>
    public bool Equals(GrainReference<TGrain> other) => GrainId == other.GrainId && ReferenceEquals(_runtime, other._runtime);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is GrainReference<TGrain> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => GrainId.GetHashCode();

    /// <inheritdoc/>
    public override string ToString() => GrainId.ToString();

    /// <summary>Two references are equal when they call the same grain on the same runtime.</summary>
    public static bool operator ==(GrainReference<TGrain> left, GrainReference<TGrain> right) => left.Equals(right);

    /// <summary>Two references differ when they call different grains or runtimes.</summary>
    public static bool operator !=(GrainReference<TGrain> left, GrainReference<TGrain> right) => !left.Equals(right);
}
