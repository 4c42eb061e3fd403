using System.Net;

namespace AccountGrains.Grpc.Tests.Fixtures;

/// <summary>A request body sent in the given pieces, flushed one by one so each tends to become its own DATA frame.</summary>
public sealed class ChunkedContent(byte[] body, IReadOnlyList<int> cuts) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var start = 0;
        foreach (var cut in cuts.Append(body.Length))
        {
            var end = Math.Clamp(cut, start, body.Length);
            await stream.WriteAsync(body.AsMemory(start, end - start));
            await stream.FlushAsync();
            start = end;
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
