using AccountGrains.Abstractions;

namespace AccountGrains.Bench.TrivialGrain;

/// <summary>Verify with <see cref="IAccountGrain.Verify"/>'s signature and result type, so a call costs what Orleans
/// charges for that shape and nothing more.</summary>
public interface ITrivialAccountGrain : IGrainWithStringKey
{
    /// <summary>Always ALLOW at version 0 (what a never-seen account answers).</summary>
    ValueTask<VerifyResult> Verify(VerifyAction action, string? deviceId, CancellationToken cancellationToken = default);
}

/// <summary>No state, no dependencies: an activation is Orleans' own bookkeeping plus an empty grain object.</summary>
public sealed class TrivialAccountGrain : Grain, ITrivialAccountGrain
{
    private static readonly ValueTask<VerifyResult> Allow = new(new VerifyResult(VerifyDecision.Allow, VerifyReasons.None, 0, null));

    /// <inheritdoc />
    public ValueTask<VerifyResult> Verify(VerifyAction action, string? deviceId, CancellationToken cancellationToken = default) => Allow;
}
