namespace AccountGrains.Grpc;

/// <summary>The names and values of gRPC over HTTP/2 (PROTOCOL-HTTP2.md) that server and client share.</summary>
public static class GrpcProtocol
{
    /// <summary>The content type of gRPC requests and responses.</summary>
    public const string ContentType = "application/grpc";

    /// <summary>The content type with the explicit protobuf suffix.</summary>
    public const string ContentTypeProto = "application/grpc+proto";

    /// <summary>The header (trailer) carrying the status code.</summary>
    public const string StatusHeader = "grpc-status";

    /// <summary>The header (trailer) carrying the percent-encoded status message.</summary>
    public const string MessageHeader = "grpc-message";

    /// <summary>The trailer carrying a serialized <c>google.rpc.Status</c> with rich error details.</summary>
    public const string StatusDetailsHeader = "grpc-status-details-bin";

    /// <summary>The header naming the compression of the messages sent.</summary>
    public const string EncodingHeader = "grpc-encoding";

    /// <summary>The header listing the compressions the sender accepts.</summary>
    public const string AcceptEncodingHeader = "grpc-accept-encoding";

    /// <summary>The header carrying the call's timeout.</summary>
    public const string TimeoutHeader = "grpc-timeout";

    /// <summary>The encoding name for no compression.</summary>
    public const string IdentityEncoding = "identity";

    /// <summary>The length of a message's prefix: one flag byte and a four-byte big-endian length.</summary>
    public const int MessagePrefixLength = 5;

    /// <summary>The default largest message a peer accepts: 4 MiB, as in every gRPC implementation.</summary>
    public const int DefaultMaxReceiveMessageSize = 4 * 1024 * 1024;

    /// <summary>True for <c>application/grpc</c>, <c>application/grpc+proto</c> and their parameters (<c>;charset=…</c>).</summary>
    public static bool IsGrpcContentType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType) || !contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = contentType.AsSpan(ContentType.Length);
        if (rest.Length == 0 || rest[0] == ';')
        {
            return true;
        }

        // "+proto" is the only sub-type this implementation speaks; "+json" and others are answered 415.
        return rest.StartsWith("+proto", StringComparison.OrdinalIgnoreCase) && (rest.Length == 6 || rest[6] == ';');
    }

    /// <summary>True for a key the protocol reserves (<c>grpc-*</c>, pseudo-headers, and HTTP/2 connection headers).</summary>
    public static bool IsReservedHeader(string key) =>
        key.StartsWith("grpc-", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith(':')
        || ReservedHttpHeaders.Contains(key);

    // Case-insensitive: HTTP header names are, and servers such as Kestrel hand them over in canonical case ("Content-Type").
    private static readonly HashSet<string> ReservedHttpHeaders = new(
        ["content-type", "te", "host", "user-agent", "content-length", "accept-encoding", "connection", "transfer-encoding"],
        StringComparer.OrdinalIgnoreCase);
}
