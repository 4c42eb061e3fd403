using Microsoft.Extensions.Logging;

namespace AccountGrains.Grpc.Internal;

/// <summary>The server's log messages; the event ids are stable (operators filter on them).</summary>
internal static partial class GrpcServerLog
{
    [LoggerMessage(EventId = 1, EventName = "HandlerException", Level = LogLevel.Error, Message = "The handler of {Method} threw an unexpected exception; answered UNKNOWN.")]
    public static partial void HandlerException(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 2, EventName = "DeadlineExceeded", Level = LogLevel.Debug, Message = "The deadline of {Method} passed; answered DEADLINE_EXCEEDED.")]
    public static partial void DeadlineExceeded(ILogger logger, string method);

    [LoggerMessage(EventId = 3, EventName = "UnsupportedContentType", Level = LogLevel.Debug, Message = "Rejected a request with content type '{ContentType}' (415).")]
    public static partial void UnsupportedContentType(ILogger logger, string? contentType);

    [LoggerMessage(EventId = 4, EventName = "UnsupportedProtocol", Level = LogLevel.Debug, Message = "Rejected a {Protocol} request: gRPC needs HTTP/2 (426).")]
    public static partial void UnsupportedProtocol(ILogger logger, string protocol);

    [LoggerMessage(EventId = 5, EventName = "Unimplemented", Level = LogLevel.Debug, Message = "No handler for {Path}; answered UNIMPLEMENTED.")]
    public static partial void Unimplemented(ILogger logger, string path);

    [LoggerMessage(EventId = 6, EventName = "UnsupportedEncoding", Level = LogLevel.Debug, Message = "Rejected a request with grpc-encoding '{Encoding}'; answered UNIMPLEMENTED.")]
    public static partial void UnsupportedEncoding(ILogger logger, string encoding);

    [LoggerMessage(EventId = 7, EventName = "CallFailed", Level = LogLevel.Debug, Message = "{Method} ended with {StatusCode}: {Detail}")]
    public static partial void CallFailed(ILogger logger, string method, StatusCode statusCode, string detail);

    [LoggerMessage(EventId = 8, EventName = "ShuttingDown", Level = LogLevel.Debug, Message = "The server is shutting down; {Method} ends with UNAVAILABLE.")]
    public static partial void ShuttingDown(ILogger logger, string method);

    [LoggerMessage(EventId = 9, EventName = "CompleteFailed", Level = LogLevel.Debug, Message = "Could not end {Method} cleanly; the stream is reset.")]
    public static partial void CompleteFailed(ILogger logger, string method, Exception exception);
}
