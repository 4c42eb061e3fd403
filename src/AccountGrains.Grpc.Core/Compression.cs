using System.IO.Compression;

namespace AccountGrains.Grpc;

/// <summary>A message compression named by <c>grpc-encoding</c> (compression.md).</summary>
public interface ICompressionProvider
{
    /// <summary>The encoding's name on the wire, such as <c>gzip</c>.</summary>
    string EncodingName { get; }

    /// <summary>Wraps <paramref name="output"/> in a stream that compresses what is written to it.</summary>
    Stream CreateCompressionStream(Stream output, CompressionLevel level);

    /// <summary>Wraps <paramref name="input"/> in a stream that decompresses what is read from it.</summary>
    Stream CreateDecompressionStream(Stream input);
}

/// <summary>gzip (RFC 1952).</summary>
public sealed class GzipCompressionProvider : ICompressionProvider
{
    /// <inheritdoc />
    public string EncodingName => "gzip";

    /// <inheritdoc />
    public Stream CreateCompressionStream(Stream output, CompressionLevel level) => new GZipStream(output, level, leaveOpen: true);

    /// <inheritdoc />
    public Stream CreateDecompressionStream(Stream input) => new GZipStream(input, CompressionMode.Decompress, leaveOpen: true);
}

/// <summary>gRPC's <c>deflate</c>, which is the zlib format (RFC 1950), as the other implementations send it.</summary>
public sealed class DeflateCompressionProvider : ICompressionProvider
{
    /// <inheritdoc />
    public string EncodingName => "deflate";

    /// <inheritdoc />
    public Stream CreateCompressionStream(Stream output, CompressionLevel level) => new ZLibStream(output, level, leaveOpen: true);

    /// <inheritdoc />
    public Stream CreateDecompressionStream(Stream input) => new ZLibStream(input, CompressionMode.Decompress, leaveOpen: true);
}

/// <summary>Compressing and decompressing whole messages with a size bound.</summary>
public static class MessageCompression
{
    /// <summary>The providers every endpoint knows: gzip and deflate.</summary>
    public static IReadOnlyList<ICompressionProvider> DefaultProviders { get; } = [new GzipCompressionProvider(), new DeflateCompressionProvider()];

    /// <summary>Compresses one message.</summary>
    public static byte[] Compress(ICompressionProvider provider, ReadOnlySpan<byte> message, CompressionLevel level = CompressionLevel.Fastest)
    {
        ArgumentNullException.ThrowIfNull(provider);
        using var output = new MemoryStream();
        using (var compressor = provider.CreateCompressionStream(output, level))
        {
            compressor.Write(message);
        }

        return output.ToArray();
    }

    /// <summary>
    /// Decompresses one message; false when it inflates past <paramref name="maxLength"/> (a compression bomb
    /// is stopped after reading just past the bound). Corrupt input throws <see cref="InvalidDataException"/>.
    /// </summary>
    public static bool TryDecompress(ICompressionProvider provider, ReadOnlyMemory<byte> compressed, int maxLength, out byte[] message)
    {
        ArgumentNullException.ThrowIfNull(provider);
        using var input = new MemoryStream(compressed.ToArray(), writable: false);
        using var decompressor = provider.CreateDecompressionStream(input);
        using var output = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = decompressor.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (output.Length + read > maxLength)
            {
                message = [];
                return false;
            }

            output.Write(buffer, 0, read);
        }

        message = output.ToArray();
        return true;
    }
}
