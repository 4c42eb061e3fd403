using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace AccountGrains.Grpc.Client.Internal;

/// <summary>Reads a call's status and metadata from the HTTP/2 response (PROTOCOL-HTTP2.md, http-grpc-status-mapping.md).</summary>
internal static class ResponseStatus
{
    /// <summary>
    /// The status the response headers already decide: a non-200 HTTP status, a Trailers-Only response, or a
    /// response that is not gRPC. <see langword="null"/> when messages and trailers follow.
    /// </summary>
    public static Status? FromHeaders(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var code = MapHttpStatus(response.StatusCode);
            return new Status(code, $"Bad gRPC response. HTTP status code: {(int)response.StatusCode}.");
        }

        if (TryRead(response.Headers, out var trailersOnly))
        {
            return trailersOnly;
        }

        var contentType = response.Content.Headers.ContentType?.ToString();
        return GrpcProtocol.IsGrpcContentType(contentType)
            ? null
            : new Status(StatusCode.Internal, $"Bad gRPC response. Invalid content-type value: {contentType ?? "(none)"}.");
    }

    /// <summary>The status in the trailers; a response without one ended abnormally (INTERNAL).</summary>
    public static Status FromTrailers(HttpResponseMessage response) =>
        TryRead(response.TrailingHeaders, out var status)
            ? status
            : new Status(StatusCode.Internal, "Bad gRPC response. No grpc-status found in the trailers.");

    /// <summary>http-grpc-status-mapping.md: the code of a response that is not gRPC.</summary>
    public static StatusCode MapHttpStatus(HttpStatusCode status) => (int)status switch
    {
        400 => StatusCode.Internal,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.Unimplemented,
        429 or 502 or 503 or 504 => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };

    /// <summary>The custom metadata among HTTP headers: protocol headers left out, <c>-bin</c> values base64-decoded.</summary>
    public static Metadata ToMetadata(HttpHeaders headers)
    {
        var metadata = new Metadata();
        foreach (var (key, values) in headers.NonValidated)
        {
            if (GrpcProtocol.IsReservedHeader(key) && key != GrpcProtocol.StatusDetailsHeader)
            {
                continue;
            }

            foreach (var value in values)
            {
                TryAdd(metadata, key, value);
            }
        }

        return metadata;
    }

    private static bool TryRead(HttpHeaders headers, out Status status)
    {
        status = default;
        if (!headers.NonValidated.TryGetValues(GrpcProtocol.StatusHeader, out var statusValues))
        {
            return false;
        }

        var raw = statusValues.FirstOrDefault();
        var code = int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && Enum.IsDefined((StatusCode)number)
            ? (StatusCode)number
            : StatusCode.Unknown;
        var message = headers.NonValidated.TryGetValues(GrpcProtocol.MessageHeader, out var messageValues)
            ? PercentEncoding.Decode(messageValues.FirstOrDefault() ?? string.Empty)
            : string.Empty;
        status = new Status(code, message);
        return true;
    }

    private static void TryAdd(Metadata metadata, string key, string value)
    {
        try
        {
            if (!Metadata.IsBinaryKey(key))
            {
                metadata.Add(key, value);
                return;
            }

            // One header may carry several comma-separated values; each may be padded or not, and may be empty.
            foreach (var part in value.Split(',', StringSplitOptions.TrimEntries))
            {
                metadata.Add(key, Convert.FromBase64String(Pad(part)));
            }
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            // A header that is not valid gRPC metadata (odd characters, bad base64) is not the caller's metadata.
        }
    }

    private static string Pad(string base64) => (base64.Length % 4) switch
    {
        2 => base64 + "==",
        3 => base64 + "=",
        _ => base64,
    };
}
