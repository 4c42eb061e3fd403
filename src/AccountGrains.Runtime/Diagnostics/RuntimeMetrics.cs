using System.Diagnostics.Metrics;

namespace AccountGrains.Runtime;

/// <summary>The runtime's instruments; adding to one nobody listens to costs a flag check.</summary>
internal sealed class RuntimeMetrics
{
    private readonly Meter _meter;
    private readonly Counter<long> _created;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _deactivated;
    private readonly Counter<long> _turns;
    private readonly Counter<long> _remindersFired;

    public RuntimeMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(GrainRuntimeTelemetry.MeterName);
        _created = _meter.CreateCounter<long>(GrainRuntimeTelemetry.ActivationsCreated, "{activation}", "Activations created.");
        _failed = _meter.CreateCounter<long>(GrainRuntimeTelemetry.ActivationsFailed, "{activation}", "Activations whose first turn failed.");
        _deactivated = _meter.CreateCounter<long>(GrainRuntimeTelemetry.ActivationsDeactivated, "{activation}", "Activations deactivated, by reason.");
        _turns = _meter.CreateCounter<long>(GrainRuntimeTelemetry.Turns, "{turn}", "Grain calls that began their turn.");
        _remindersFired = _meter.CreateCounter<long>(GrainRuntimeTelemetry.RemindersFired, "{reminder}", "Reminders fired.");
    }

    public void Observe(GrainRuntime runtime, GrainTypeRegistry types) =>
        _meter.CreateObservableUpDownCounter(
            GrainRuntimeTelemetry.LiveActivations,
            () => types.All.Select(t => new Measurement<int>(t.LiveCount, new KeyValuePair<string, object?>(GrainRuntimeTelemetry.GrainTypeTag, t.Name))),
            "{activation}",
            "Activations in the silo now.");

    public void Created(GrainTypeInfo type) => _created.Add(1, Tag(type));

    public void ActivationFailed(GrainTypeInfo type) => _failed.Add(1, Tag(type));

    public void Deactivated(GrainTypeInfo type, DeactivationReason reason)
    {
        if (_deactivated.Enabled)
        {
            _deactivated.Add(1, Tag(type), new KeyValuePair<string, object?>(GrainRuntimeTelemetry.ReasonTag, reason.ToString()));
        }
    }

    public void Turn(GrainTypeInfo type)
    {
        if (_turns.Enabled)
        {
            _turns.Add(1, Tag(type));
        }
    }

    public void ReminderFired(GrainTypeInfo type) => _remindersFired.Add(1, Tag(type));

    private static KeyValuePair<string, object?> Tag(GrainTypeInfo type) => new(GrainRuntimeTelemetry.GrainTypeTag, type.Name);
}
