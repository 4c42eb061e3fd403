using Microsoft.Extensions.Logging;

namespace AccountGrains.Streaming.Internal;

/// <summary>The stream provider's and the projection's log messages.</summary>
internal static partial class StreamingLog
{
    [LoggerMessage(EventId = 9001, EventName = "ReceiverStarted", Level = LogLevel.Information, Message = "Account event partition {Partition} reads the log after position {Position}")]
    public static partial void ReceiverStarted(ILogger logger, int partition, long position);

    [LoggerMessage(EventId = 9002, EventName = "ProjectionCheckpointMoved", Level = LogLevel.Information, Message = "Report partition {Partition}: checkpoint moved under it (expected {Expected}); reloading")]
    public static partial void ProjectionCheckpointMoved(ILogger logger, int partition, long expected);

    [LoggerMessage(EventId = 9003, EventName = "ProjectionApplyFailed", Level = LogLevel.Warning, Message = "Report partition {Partition}: applying through position {Position} failed; it catches up from its checkpoint on the next event")]
    public static partial void ProjectionApplyFailed(ILogger logger, Exception exception, int partition, long position);
}
