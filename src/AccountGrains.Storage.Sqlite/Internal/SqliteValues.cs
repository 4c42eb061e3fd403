using System.Runtime.InteropServices;

namespace AccountGrains.Storage.Sqlite.Internal;

/// <summary>How values are written to and read from SQLite columns.</summary>
internal static class SqliteValues
{
    /// <summary>Microseconds since 0001-01-01 UTC: PostgreSQL's precision, so both stores give back the same instant.</summary>
    public static long ToMicroseconds(DateTimeOffset time) => time.UtcTicks / 10;

    public static DateTimeOffset FromMicroseconds(long microseconds) => new(microseconds * 10, TimeSpan.Zero);

    public static byte[] AsArray(ReadOnlyMemory<byte> memory) =>
        MemoryMarshal.TryGetArray(memory, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : memory.ToArray();

    public static async ValueTask ToUnit<T>(this ValueTask<T> task) => await task;
}
