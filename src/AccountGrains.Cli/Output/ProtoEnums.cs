using System.Reflection;
using Google.Protobuf.Reflection;

namespace AccountGrains.Cli.Output;

/// <summary>Proto enum values as people type and read them: COMPROMISED for LOCK_REASON_COMPROMISED, any case.</summary>
internal static class ProtoEnums
{
    /// <summary>The value named <paramref name="text"/> (with or without the enum's prefix); never the zero value.</summary>
    /// <exception cref="CliUsageException">No such value; the message lists the valid ones.</exception>
    public static T Parse<T>(string text, string what)
        where T : struct, Enum
    {
        var wanted = Normalize(text);
        foreach (var value in Values<T>())
        {
            if (Normalize(Short(value)) == wanted || Normalize(Full(value)) == wanted)
            {
                return value;
            }
        }

        throw new CliUsageException($"{what} '{text}' is not one of {string.Join(", ", Values<T>().Select(v => Short(v)))}");
    }

    /// <summary>The values a user may give: every one but *_UNSPECIFIED.</summary>
    public static IEnumerable<T> Values<T>()
        where T : struct, Enum => Enum.GetValues<T>().Where(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture) != 0);

    /// <summary>The proto name without the enum's prefix: COMPROMISED, ACTIVE, LOCKED.</summary>
    public static string Short<T>(T value)
        where T : struct, Enum
    {
        var full = Full(value);
        var prefix = Prefix<T>();
        return full.StartsWith(prefix, StringComparison.Ordinal) ? full[prefix.Length..] : full;
    }

    /// <summary>The proto name: LOCK_REASON_COMPROMISED.</summary>
    public static string Full<T>(T value)
        where T : struct, Enum =>
        typeof(T).GetField(value.ToString())?.GetCustomAttribute<OriginalNameAttribute>()?.Name ?? value.ToString();

    private static string Prefix<T>()
        where T : struct, Enum
    {
        // The zero value is always <ENUM>_UNSPECIFIED, so it spells the prefix every other value shares.
        var zero = Full(default(T));
        return zero.EndsWith("UNSPECIFIED", StringComparison.Ordinal) ? zero[..^"UNSPECIFIED".Length] : "";
    }

    private static string Normalize(string s) => s.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();
}
