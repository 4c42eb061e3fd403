using System.Diagnostics.CodeAnalysis;

namespace AccountGrains.Runtime;

/// <summary>
/// Identifies one grain: the name of its type and its key, written <c>type/key</c> (for example
/// <c>account/alice</c>), the form reminders are stored under.
/// </summary>
public readonly record struct GrainId
{
    /// <summary>Creates a grain id.</summary>
    /// <param name="type">The grain type name: not empty, without <c>/</c>.</param>
    /// <param name="key">The grain's key: not empty; may contain <c>/</c>.</param>
    /// <exception cref="ArgumentException">The type name or the key is empty, or the type name contains <c>/</c>.</exception>
    public GrainId(string type, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (type.Contains('/', StringComparison.Ordinal))
        {
            throw new ArgumentException("A grain type name cannot contain '/'.", nameof(type));
        }

        Type = type;
        Key = key;
    }

    /// <summary>The grain type name (see <see cref="GrainTypeAttribute"/>).</summary>
    public string Type { get; }

    /// <summary>The grain's key within its type.</summary>
    public string Key { get; }

    /// <summary>Parses the <c>type/key</c> form; the type ends at the first <c>/</c>.</summary>
    /// <exception cref="FormatException">The value is not of the form <c>type/key</c>.</exception>
    public static GrainId Parse(string value) =>
        TryParse(value, out var id) ? id : throw new FormatException($"'{value}' is not a grain id of the form type/key.");

    /// <summary>Tries to parse the <c>type/key</c> form; the type ends at the first <c>/</c>.</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, out GrainId grainId)
    {
        var slash = value is null ? -1 : value.IndexOf('/', StringComparison.Ordinal);
        if (value is null || slash <= 0 || slash == value.Length - 1)
        {
            grainId = default;
            return false;
        }

        grainId = new GrainId(value[..slash], value[(slash + 1)..]);
        return true;
    }

    /// <summary>Returns the <c>type/key</c> form.</summary>
    public override string ToString() => string.Concat(Type, "/", Key);
}
