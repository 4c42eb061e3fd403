namespace AccountGrains.Runtime;

/// <summary>A reminder this silo has armed a timer for. Mutable fields are guarded by the service's lock.</summary>
internal sealed class ScheduledReminder(GrainId id, string storedGrainId, string name)
{
    public GrainId Id { get; } = id;

    /// <summary>The grain id as the store spells it, the key of the schedule.</summary>
    public string StoredGrainId { get; } = storedGrainId;

    public string Name { get; } = name;

    public DateTimeOffset FireAt { get; set; }

    /// <summary>Armed by a retry: a poll must not move it earlier, or a reminder the grain leaves due would loop.</summary>
    public bool IsRetry { get; set; }

    /// <summary>Its timer fired and its firing (store reads and the turn) is running.</summary>
    public bool IsFiring { get; set; }

    public ITimer? Timer { get; set; }
}
