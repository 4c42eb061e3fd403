using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace AccountGrains.Gateway;

/// <summary>The gateway's log events (stable ids: 4100-4199).</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(EventId = 4101, EventName = "CallFailed", Level = LogLevel.Debug, Message = "{Method} answered {Status} for {Exception}")]
    public static partial void CallFailed(ILogger logger, string method, StatusCode status, string exception);

    [LoggerMessage(EventId = 4102, EventName = "StoreProbeFailed", Level = LogLevel.Warning, Message = "The event store health probe failed")]
    public static partial void StoreProbeFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4103, EventName = "WatchTailReadFailed", Level = LogLevel.Warning, Message = "The event stream's live tail could not read the log ({Failure}); it retries")]
    public static partial void TailReadFailed(ILogger logger, string failure);
}
