using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace AccountGrains.Deploy.Tests.Support;

/// <summary>
/// The chart as files: values.yaml parsed as YAML, templates as text (they are Go templates, not YAML, until helm
/// renders them; no helm binary is available here and none is written).
/// </summary>
internal static partial class ChartFiles
{
    public static YamlMappingNode Values { get; } = LoadMapping(Path.Combine(RepoFiles.Chart, "values.yaml"));

    public static YamlMappingNode ChartYaml { get; } = LoadMapping(Path.Combine(RepoFiles.Chart, "Chart.yaml"));

    /// <summary>Every template file (the .yaml templates, _helpers.tpl and NOTES.txt) by file name.</summary>
    public static IReadOnlyDictionary<string, string> Templates { get; } =
        Directory.EnumerateFiles(RepoFiles.ChartTemplates).ToDictionary(f => Path.GetFileName(f), File.ReadAllText);

    public static string Template(string name) => Templates[name];

    /// <summary>Every <c>.Values.a.b</c> path the templates reference, as "a.b".</summary>
    public static IReadOnlySet<string> ValuesReferences() =>
        Templates.Values.SelectMany(t => ValuesReference().Matches(t)).Select(m => m.Groups["path"].Value).ToHashSet();

    /// <summary>The value at a dotted path, or null when values.yaml has no such key.</summary>
    public static YamlNode? ValueAt(string path)
    {
        YamlNode node = Values;
        foreach (var segment in path.Split('.'))
        {
            if (node is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(segment), out var child))
            {
                return null;
            }

            node = child;
        }

        return node;
    }

    public static string Scalar(string path) =>
        (ValueAt(path) as YamlScalarNode)?.Value ?? throw new KeyNotFoundException($"values.yaml has no scalar {path}");

    public static int Int(string path) => int.Parse(Scalar(path), CultureInfo.InvariantCulture);

    /// <summary>Every leaf of values.yaml (scalars, and empty maps or lists) as a dotted path.</summary>
    public static IEnumerable<string> Leaves(YamlNode? node = null, string prefix = "")
    {
        node ??= Values;
        if (node is YamlMappingNode mapping && mapping.Children.Count > 0)
        {
            return mapping.Children.SelectMany(c => Leaves(c.Value, prefix.Length == 0 ? ((YamlScalarNode)c.Key).Value! : $"{prefix}.{((YamlScalarNode)c.Key).Value}"));
        }

        return [prefix];
    }

    /// <summary>The environment variable names a template sets (<c>- name: X</c> lines whose X has an underscore).</summary>
    public static IReadOnlyList<string> EnvNames(string template) =>
        EnvName().Matches(Template(template)).Select(m => m.Groups["name"].Value).Distinct().ToList();

    /// <summary>The text of the <c>value:</c> or <c>valueFrom:</c> line right after <c>- name: <paramref name="env"/></c>.</summary>
    public static string EnvValue(string template, string env)
    {
        var lines = Template(template).Split('\n');
        var at = Array.FindIndex(lines, l => l.Trim() == $"- name: {env}");
        Assert.True(at >= 0, $"{template} sets no {env}");
        return lines[at + 1].Trim();
    }

    private static YamlMappingNode LoadMapping(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    [GeneratedRegex(@"\.Values\.(?<path>[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*)")]
    private static partial Regex ValuesReference();

    [GeneratedRegex(@"^\s*- name: (?<name>[A-Za-z][A-Za-z0-9]*_[A-Za-z0-9_]*)\s*$", RegexOptions.Multiline)]
    private static partial Regex EnvName();
}
