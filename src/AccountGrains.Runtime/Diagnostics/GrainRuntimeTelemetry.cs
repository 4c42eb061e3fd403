namespace AccountGrains.Runtime;

/// <summary>The runtime's telemetry names. They are API: dashboards and alerts depend on them.</summary>
public static class GrainRuntimeTelemetry
{
    /// <summary>The name of the runtime's <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string MeterName = "AccountGrains.Runtime";

    /// <summary>Up-down counter (observable): activations in the silo now, by <see cref="GrainTypeTag"/>.</summary>
    public const string LiveActivations = "accountgrains.runtime.activations.live";

    /// <summary>Counter: activations created (their first turn queued), by <see cref="GrainTypeTag"/>.</summary>
    public const string ActivationsCreated = "accountgrains.runtime.activations.created";

    /// <summary>Counter: activations whose first turn failed (and were discarded), by <see cref="GrainTypeTag"/>.</summary>
    public const string ActivationsFailed = "accountgrains.runtime.activations.failed";

    /// <summary>
    /// Counter: activations deactivated, by <see cref="GrainTypeTag"/> and <see cref="ReasonTag"/> (a
    /// <see cref="DeactivationReason"/> name; <c>IdleCollection</c> and <c>CapacityExceeded</c> are the collected ones).
    /// </summary>
    public const string ActivationsDeactivated = "accountgrains.runtime.activations.deactivated";

    /// <summary>Counter: grain calls that began their turn, by <see cref="GrainTypeTag"/>.</summary>
    public const string Turns = "accountgrains.runtime.turns";

    /// <summary>Counter: reminders fired (turns run, whatever their outcome), by <see cref="GrainTypeTag"/>.</summary>
    public const string RemindersFired = "accountgrains.runtime.reminders.fired";

    /// <summary>The tag naming the grain type.</summary>
    public const string GrainTypeTag = "grain.type";

    /// <summary>The tag naming a deactivation reason.</summary>
    public const string ReasonTag = "reason";
}
