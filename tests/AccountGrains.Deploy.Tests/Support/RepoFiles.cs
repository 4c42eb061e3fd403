using AccountGrains.Testing;

namespace AccountGrains.Deploy.Tests.Support;

/// <summary>The deployment files and the silo sources the tests compare them with.</summary>
internal static class RepoFiles
{
    public static string Dockerfile => Path.Combine(RepoPaths.Root, "deploy", "Dockerfile");

    public static string DockerIgnore => Path.Combine(RepoPaths.Root, ".dockerignore");

    public static string Chart => Path.Combine(RepoPaths.Root, "helm", "accountgrains");

    public static string ChartTemplates => Path.Combine(Chart, "templates");

    public static string SiloProject => Path.Combine(RepoPaths.Root, "silo", "AccountGrains.Silo.csproj");

    public static string Read(params string[] relative) => File.ReadAllText(Path.Combine([RepoPaths.Root, .. relative]));

    /// <summary>The C# sources of the silo and of src/: where a configuration key written as a literal must appear.</summary>
    public static IEnumerable<string> SiloSources() =>
        new[] { "silo", "src" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, d), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal));
}
