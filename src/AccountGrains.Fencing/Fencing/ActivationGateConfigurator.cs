using System.Diagnostics.CodeAnalysis;
using Orleans.Metadata;

namespace AccountGrains.Fencing.Fencing;

/// <summary>
/// Puts the <see cref="ActivationGate"/> first in every application grain's activation lifecycle, so the grain's
/// <c>OnActivateAsync</c> (which loads its state) runs only once the gate is open. Grains need not know about it.
/// </summary>
/// <remarks>
/// One shared observer: the per-activation cost is Orleans' lifecycle list. Orleans' own grains (<c>sys.</c> types)
/// and stateless workers are not gated, so the cluster stays manageable while the gate is closed.
/// </remarks>
internal sealed class ActivationGateConfigurator(ActivationGate gate) : IConfigureGrainContextProvider, IConfigureGrainContext, ILifecycleObserver
{
    private const string ObserverName = "AccountGrains.ActivationGate";

    public bool TryGetConfigurator(GrainType grainType, GrainProperties properties, [NotNullWhen(true)] out IConfigureGrainContext? configurator)
    {
        var gated = !grainType.ToString().StartsWith("sys.", StringComparison.Ordinal) && !IsStatelessWorker(properties);
        configurator = gated ? this : null;
        return gated;
    }

    // A stateless worker has many activations by design and no lifecycle of its own to hook.
    private static bool IsStatelessWorker(GrainProperties properties) =>
        properties.Properties.TryGetValue(WellKnownGrainTypeProperties.PlacementStrategy, out var placement)
        && placement == "StatelessWorkerPlacement";

    public void Configure(IGrainContext context) =>
        context.ObservableLifecycle.Subscribe(ObserverName, GrainLifecycleStage.First, this);

    public Task OnStart(CancellationToken cancellationToken = default) => gate.WaitAsync(cancellationToken);

    public Task OnStop(CancellationToken cancellationToken = default) => Task.CompletedTask;
}
