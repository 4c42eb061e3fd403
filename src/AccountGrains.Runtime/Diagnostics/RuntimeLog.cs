using Microsoft.Extensions.Logging;

namespace AccountGrains.Runtime;

/// <summary>The runtime's log messages; the event ids are stable (1000s: activations, 1100s: reminders).</summary>
internal static partial class RuntimeLog
{
    [LoggerMessage(EventId = 1001, EventName = "ActivationFailed", Level = LogLevel.Warning, Message = "Activation of grain {GrainId} failed; the waiting calls get the exception and the next call tries again")]
    public static partial void ActivationFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(EventId = 1013, EventName = "ActivationNotOwned", Level = LogLevel.Debug, Message = "Grain {GrainId} is owned by silo {OwnerSiloId}; not activated here")]
    public static partial void ActivationNotOwned(ILogger logger, GrainId grainId, string? ownerSiloId);

    [LoggerMessage(EventId = 1002, EventName = "DeactivationFailed", Level = LogLevel.Error, Message = "OnDeactivateAsync of grain {GrainId} threw; the activation is removed anyway")]
    public static partial void DeactivationFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(EventId = 1003, EventName = "Deactivated", Level = LogLevel.Debug, Message = "Grain {GrainId} deactivated ({Reason})")]
    public static partial void Deactivated(ILogger logger, GrainId grainId, DeactivationReason reason);

    [LoggerMessage(EventId = 1004, EventName = "IdleCollected", Level = LogLevel.Debug, Message = "Idle collection started deactivating {Count} activations")]
    public static partial void IdleCollected(ILogger logger, int count);

    [LoggerMessage(EventId = 1005, EventName = "CapacityCollected", Level = LogLevel.Information, Message = "{Live} activations exceed the cap of {Max}; deactivating the {Count} least recently used")]
    public static partial void CapacityCollected(ILogger logger, int count, int live, int max);

    [LoggerMessage(EventId = 1006, EventName = "CollectionFailed", Level = LogLevel.Error, Message = "Activation collection failed; it runs again next quantum")]
    public static partial void CollectionFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1007, EventName = "MailboxFaulted", Level = LogLevel.Critical, Message = "The mailbox of grain {GrainId} faulted")]
    public static partial void MailboxFaulted(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(EventId = 1008, EventName = "OwnershipReleaseFailed", Level = LogLevel.Warning, Message = "Releasing the ownership of grain {GrainId} failed; the activation is removed anyway")]
    public static partial void OwnershipReleaseFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(EventId = 1010, EventName = "Stopping", Level = LogLevel.Information, Message = "Grain runtime stopping: refusing new calls, deactivating {Count} activations")]
    public static partial void Stopping(ILogger logger, int count);

    [LoggerMessage(EventId = 1011, EventName = "Stopped", Level = LogLevel.Information, Message = "Grain runtime stopped: every activation deactivated")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 1012, EventName = "ShutdownTimedOut", Level = LogLevel.Warning, Message = "Grain runtime shutdown timed out with {Count} activations left; abandoning them")]
    public static partial void ShutdownTimedOut(ILogger logger, int count);

    [LoggerMessage(EventId = 1101, EventName = "ReminderPollFailed", Level = LogLevel.Warning, Message = "Reading due reminders failed; trying again next poll")]
    public static partial void ReminderPollFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1102, EventName = "ReminderFired", Level = LogLevel.Debug, Message = "Reminder {Name} of grain {GrainId} due at {DueAt} fired")]
    public static partial void ReminderFired(ILogger logger, string name, GrainId grainId, DateTimeOffset dueAt);

    [LoggerMessage(EventId = 1103, EventName = "ReminderFailed", Level = LogLevel.Warning, Message = "Reminder {Name} of grain {GrainId} failed; retrying at {RetryAt}")]
    public static partial void ReminderFailed(ILogger logger, Exception exception, string name, GrainId grainId, DateTimeOffset retryAt);

    [LoggerMessage(EventId = 1104, EventName = "ReminderStillDue", Level = LogLevel.Warning, Message = "Reminder {Name} of grain {GrainId} is still due after its turn; retrying at {RetryAt}")]
    public static partial void ReminderStillDue(ILogger logger, string name, GrainId grainId, DateTimeOffset retryAt);

    [LoggerMessage(EventId = 1106, EventName = "ReminderNotOwned", Level = LogLevel.Debug, Message = "Reminder {Name} of grain {GrainId}: another silo owns the grain and fires it")]
    public static partial void ReminderNotOwned(ILogger logger, string name, GrainId grainId);

    [LoggerMessage(EventId = 1105, EventName = "ReminderInvalidGrainId", Level = LogLevel.Error, Message = "Reminder {Name} has grain id '{GrainId}', which is not of the form type/key; skipped")]
    public static partial void ReminderInvalidGrainId(ILogger logger, string name, string grainId);
}
