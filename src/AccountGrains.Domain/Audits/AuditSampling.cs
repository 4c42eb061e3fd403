using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace AccountGrains.Domain;

/// <summary>
/// Deterministic sampling of actions for quality review: an action is sampled when a hash of its event id, read as a
/// fraction of 2^64, falls below the share that applies (<see cref="AuditOptions.ShareOf"/>). Nothing random and no
/// state: every silo, and a rerun over the same history, samples exactly the same actions.
/// </summary>
public static class AuditSampling
{
    private const double TwoToThe64 = 18446744073709551616.0;

    /// <summary>The id of the event at <paramref name="seq"/> of <paramref name="accountId"/>: <c>account:seq</c>, unique and stable.</summary>
    public static string EventId(string accountId, long seq)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        return accountId + ":" + seq.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Where <paramref name="eventId"/> falls in [0, 1): the first 8 bytes of SHA-256(<c>accountgrains.audit.v1:</c> + id), big-endian.</summary>
    public static double Point(string eventId)
    {
        ArgumentNullException.ThrowIfNull(eventId);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes("accountgrains.audit.v1:" + eventId), hash);
        return BinaryPrimitives.ReadUInt64BigEndian(hash) / TwoToThe64;
    }

    /// <summary>Whether the action that wrote <paramref name="eventType"/> as <paramref name="eventId"/> by a <paramref name="role"/> is sampled.</summary>
    public static bool IsSampled(AuditOptions options, ActorRole role, string eventType, string eventId)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(eventType);
        var share = options.ShareOf(role, eventType);
        return share > 0 && (share >= 1 || Point(eventId) < share);
    }
}
