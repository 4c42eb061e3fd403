using System.Globalization;
using System.Text;

namespace AccountGrains.Streaming;

/// <summary>
/// The names of the account event stream and how accounts map to its partitions: one Orleans stream per
/// partition of the global log, in namespace <see cref="Namespace"/>, keyed by the partition number.
/// </summary>
public static class AccountEventStreams
{
    /// <summary>The stream provider's name: <c>GetStreamProvider(AccountEventStreams.ProviderName)</c>.</summary>
    public const string ProviderName = "accountgrains-events";

    /// <summary>The stream namespace; <c>[ImplicitStreamSubscription(AccountEventStreams.Namespace)]</c> subscribes a grain per partition.</summary>
    public const string Namespace = "accountgrains.events";

    /// <summary>The partition (0 .. <paramref name="partitionCount"/> - 1) of an account.</summary>
    /// <remarks>
    /// FNV-1a (32 bits) of the id's UTF-8 bytes, modulo the count: stable across processes, machines and .NET
    /// versions (<see cref="string.GetHashCode()"/> is not), and simple to compute in any language.
    /// </remarks>
    public static int PartitionOf(string accountId, int partitionCount)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partitionCount);
        var hash = 2166136261u;
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetByteCount(accountId) <= buffer.Length
            ? buffer[..Encoding.UTF8.GetBytes(accountId, buffer)]
            : Encoding.UTF8.GetBytes(accountId);
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash % (uint)partitionCount);
    }

    /// <summary>The stream of one partition.</summary>
    public static StreamId StreamOf(int partition)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        return StreamId.Create(Namespace, partition.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The partition a stream of <see cref="Namespace"/> carries, or -1 for another stream.</summary>
    public static int PartitionOf(StreamId stream) =>
        stream.GetNamespace() == Namespace && int.TryParse(stream.GetKeyAsString(), NumberStyles.None, CultureInfo.InvariantCulture, out var partition)
            ? partition
            : -1;
}
