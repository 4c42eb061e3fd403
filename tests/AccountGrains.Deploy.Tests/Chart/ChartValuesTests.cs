using AccountGrains.Deploy.Tests.Support;

namespace AccountGrains.Deploy.Tests.Chart;

/// <summary>The chart's templates and values.yaml agree: nothing referenced is missing, nothing defined is unused.</summary>
public sealed class ChartValuesTests
{
    [Fact]
    public void EveryValuesReference_InTheTemplates_ExistsInValuesYaml()
    {
        var missing = ChartFiles.ValuesReferences().Where(p => ChartFiles.ValueAt(p) is null).Order().ToList();
        Assert.True(missing.Count == 0, "referenced but not in values.yaml: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryValue_InValuesYaml_IsUsedByATemplate()
    {
        var references = ChartFiles.ValuesReferences();

        // A value is used when a template reads it or a map holding it (toYaml of podSecurityContext, resources, ...).
        var unused = ChartFiles.Leaves().Where(leaf => !references.Any(r => leaf == r || leaf.StartsWith(r + ".", StringComparison.Ordinal))).ToList();
        Assert.True(unused.Count == 0, "in values.yaml but no template reads it: " + string.Join(", ", unused));
    }

    [Fact]
    public void Chart_IsAHelm3ApplicationChart()
    {
        Assert.Equal("v2", ChartFiles.ChartYaml["apiVersion"].ToString());
        Assert.Equal("accountgrains", ChartFiles.ChartYaml["name"].ToString());
        Assert.Equal("application", ChartFiles.ChartYaml["type"].ToString());
        Assert.Contains("NOTES.txt", ChartFiles.Templates.Keys);
        Assert.Contains("_helpers.tpl", ChartFiles.Templates.Keys);
    }
}
