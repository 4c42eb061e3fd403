using System.Collections;
using System.Reflection;
using AccountGrains.Silo.Storage;
using Microsoft.AspNetCore.Hosting;
using Orleans.Configuration;

namespace AccountGrains.Deploy.Tests.Support;

/// <summary>
/// Whether an environment variable names a setting the silo really reads, decided from the silo itself: the options
/// types it binds (found by their <c>Section</c> constant in the AccountGrains assemblies, then walked property by
/// property), Orleans' own option types under <c>Orleans:</c>, ASP.NET Core's host keys, the connection string's name,
/// and keys the sources read as a literal. Nothing here is a second list of the silo's names.
/// </summary>
internal static class SiloSettings
{
    /// <summary>Orleans' sections, as Orleans binds them (<c>Orleans:ClusterId</c>, <c>Orleans:Endpoints:SiloPort</c>, ...).</summary>
    private static readonly (string Prefix, Type Options)[] OrleansSections =
    [
        ("Orleans", typeof(ClusterOptions)),
        ("Orleans:Endpoints", typeof(EndpointOptions)),
        ("Orleans:Membership", typeof(ClusterMembershipOptions)),
    ];

    private static readonly Lazy<IReadOnlyList<(string Section, Type Options)>> OurSections = new(FindSections);
    private static readonly Lazy<string> Sources = new(() => string.Join('\n', RepoFiles.SiloSources().Select(File.ReadAllText)));

    /// <summary>Null when the silo reads <paramref name="environmentName"/>; otherwise why not.</summary>
    public static string? WhyNotRead(string environmentName)
    {
        if (environmentName.StartsWith("ASPNETCORE_", StringComparison.Ordinal))
        {
            var key = environmentName["ASPNETCORE_".Length..].ToLowerInvariant();
            return HostKeys().Contains(key) ? null : $"ASPNETCORE_{key} is no WebHostDefaults key";
        }

        var path = environmentName.Replace("__", ":", StringComparison.Ordinal);
        if (path.StartsWith("ConnectionStrings:", StringComparison.Ordinal))
        {
            return path == "ConnectionStrings:" + SiloStorage.ConnectionStringName ? null : $"the silo reads ConnectionStrings:{SiloStorage.ConnectionStringName}, not {path}";
        }

        foreach (var (prefix, options) in OrleansSections.Concat(OurSections.Value).OrderByDescending(s => s.Item1.Length))
        {
            if (path.StartsWith(prefix + ":", StringComparison.Ordinal) && Walk(options, path[(prefix.Length + 1)..].Split(':')))
            {
                return null;
            }
        }

        return Sources.Value.Contains('"' + path + '"', StringComparison.Ordinal)
            ? null
            : $"{path} is no property of an options type the silo binds, and no literal key in silo/ or src/";
    }

    private static bool Walk(Type type, string[] segments)
    {
        foreach (var segment in segments)
        {
            if (int.TryParse(segment, out _))
            {
                var element = ElementType(type);
                if (element is null)
                {
                    return false;
                }

                type = element;
                continue;
            }

            var property = type.GetProperty(segment, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
            if (property is null)
            {
                return false;
            }

            type = property.PropertyType;
        }

        return true;
    }

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : typeof(IEnumerable).IsAssignableFrom(type) && type.IsGenericType ? type.GetGenericArguments()[0]
        : null;

    private static HashSet<string> HostKeys() =>
        typeof(WebHostDefaults).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(string))
            .Select(f => (string)f.GetValue(null)!)
            .ToHashSet();

    // Every options type of ours declares the section it binds from as a `Section` constant.
    private static List<(string Section, Type Options)> FindSections() =>
        Directory.EnumerateFiles(AppContext.BaseDirectory, "AccountGrains.*.dll")
            .Where(f => !Path.GetFileName(f).Contains("Tests", StringComparison.Ordinal) && !Path.GetFileName(f).Contains("Testing", StringComparison.Ordinal))
            .Select(Assembly.LoadFrom)
            .SelectMany(a => a.GetTypes())
            .Select(t => (Type: t, Field: t.GetField("Section", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)))
            .Where(x => x.Field is { IsLiteral: true } && x.Field.FieldType == typeof(string))
            .Select(x => ((string)x.Field!.GetRawConstantValue()!, x.Type))
            .ToList();
}
