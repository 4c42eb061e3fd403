using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace AccountGrains.Grpc.Internal;

/// <summary>Moves custom metadata between <see cref="Metadata"/> and HTTP headers (base64 for <c>-bin</c> keys).</summary>
internal static class MetadataHeaders
{
    /// <summary>The caller's custom metadata; entries that are not valid metadata are left out rather than failing the call.</summary>
    public static Metadata FromRequest(IHeaderDictionary headers)
    {
        var metadata = new Metadata();
        foreach (var (key, values) in headers)
        {
            if (GrpcProtocol.IsReservedHeader(key))
            {
                continue;
            }

            foreach (var value in values)
            {
                if (value is null)
                {
                    continue;
                }

                try
                {
                    if (Metadata.IsBinaryKey(key))
                    {
                        metadata.Add(key, DecodeBase64(value));
                    }
                    else
                    {
                        metadata.Add(key, value);
                    }
                }
                catch (Exception ex) when (ex is ArgumentException or FormatException)
                {
                    // A header a peer may send but gRPC metadata cannot hold (odd key characters, bad base64).
                }
            }
        }

        return metadata;
    }

    /// <summary>Appends metadata to headers or trailers, skipping reserved keys (a handler cannot forge grpc-status).</summary>
    public static void Write(IHeaderDictionary target, Metadata metadata, bool allowStatusDetails)
    {
        foreach (var entry in metadata)
        {
            if (GrpcProtocol.IsReservedHeader(entry.Key) && !(allowStatusDetails && entry.Key == GrpcProtocol.StatusDetailsHeader))
            {
                continue;
            }

            // Unpadded base64, as PROTOCOL-HTTP2.md asks senders to emit.
            var value = entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes).TrimEnd('=') : entry.Value;
            target.Append(entry.Key, value);
        }
    }

    /// <summary>True when a comma-separated header value (such as grpc-accept-encoding) lists the token.</summary>
    public static bool ListContains(StringValues values, string token)
    {
        foreach (var value in values)
        {
            foreach (var range in value.AsSpan().Split(','))
            {
                if (value.AsSpan()[range].Trim().Equals(token, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static byte[] DecodeBase64(string value)
    {
        var trimmed = value.Trim();
        var padding = (4 - (trimmed.Length % 4)) % 4;
        return Convert.FromBase64String(padding == 0 ? trimmed : trimmed + new string('=', padding));
    }
}
