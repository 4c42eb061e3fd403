namespace AccountGrains.Grpc.Client.Internal;

/// <summary>The status of a transport failure (PROTOCOL-HTTP2.md "Errors").</summary>
internal static class TransportErrors
{
    // HTTP/2 error codes (RFC 9113 §7) that PROTOCOL-HTTP2.md maps to something other than INTERNAL.
    private const long NoError = 0x0;
    private const long RefusedStream = 0x7;
    private const long Cancel = 0x8;
    private const long EnhanceYourCalm = 0xb;
    private const long InadequateSecurity = 0xc;

    /// <summary>The status for an exception thrown by the HTTP stack, or <see langword="null"/> when it is not a transport failure.</summary>
    public static Status? ToStatus(Exception exception) => exception switch
    {
        HttpProtocolException protocol => new Status(MapHttp2Error(protocol.ErrorCode), $"HTTP/2 error: {protocol.Message}"),
        HttpRequestException { InnerException: HttpProtocolException inner } => ToStatus(inner),
        HttpRequestException http => new Status(StatusCode.Unavailable, $"Error connecting to the server: {http.Message}"),
        IOException io when io.InnerException is HttpProtocolException inner => ToStatus(inner),
        IOException io => new Status(StatusCode.Unavailable, $"Error reading from the server: {io.Message}"),
        OperationCanceledException { InnerException: TimeoutException } => new Status(StatusCode.Unavailable, "Timed out connecting to the server."),
        _ => null,
    };

    private static StatusCode MapHttp2Error(long code) => code switch
    {
        // A server shutting down gracefully sends GOAWAY(NO_ERROR) and closes; HttpClient fails the streams it
        // never processed with NO_ERROR, which gRPC answers UNAVAILABLE (safe to retry elsewhere). The table's
        // INTERNAL is for RST_STREAM(NO_ERROR) mid-response, which HttpClient does not surface as an error
        // (it ends the request body instead); and this client retries UNAVAILABLE only for calls marked safe.
        NoError => StatusCode.Unavailable,
        RefusedStream => StatusCode.Unavailable,
        Cancel => StatusCode.Cancelled,
        EnhanceYourCalm => StatusCode.ResourceExhausted,
        InadequateSecurity => StatusCode.PermissionDenied,
        _ => StatusCode.Internal,
    };
}
