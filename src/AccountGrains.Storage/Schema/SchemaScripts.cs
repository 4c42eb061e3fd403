using System.Globalization;
using System.Reflection;

namespace AccountGrains.Storage.Schema;

/// <summary>One versioned migration script a provider embeds as <c>Schema/NNN_name.sql</c>.</summary>
internal sealed record SchemaScript(int Version, string Name, string Sql);

internal static class SchemaScripts
{
    /// <summary>The assembly's embedded scripts, in version order.</summary>
    public static IReadOnlyList<SchemaScript> Load(Assembly assembly)
    {
        var scripts = new List<SchemaScript>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            const string Marker = ".Schema.";
            var at = resource.IndexOf(Marker, StringComparison.Ordinal);
            if (at < 0 || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }

            var name = resource[(at + Marker.Length)..^".sql".Length];
            var version = int.Parse(name.AsSpan(0, name.IndexOf('_', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add(new SchemaScript(version, name, reader.ReadToEnd()));
        }

        return [.. scripts.OrderBy(s => s.Version)];
    }
}
