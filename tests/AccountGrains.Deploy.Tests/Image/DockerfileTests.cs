using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AccountGrains.Deploy.Tests.Support;
using AccountGrains.Silo.Hosting;
using AccountGrains.Silo.Orleans;
using AccountGrains.Testing;

namespace AccountGrains.Deploy.Tests.Image;

/// <summary>
/// deploy/Dockerfile read and held to the rules that matter (no Docker engine here, and hadolint is in no package
/// source this project reaches): multi-stage, non-root by number, nothing fetched or secret, the restore layer cached,
/// the silo's own DLL and ports.
/// </summary>
public sealed partial class DockerfileTests
{
    private static readonly Dockerfile Docker = Dockerfile.Parse(RepoFiles.Read("deploy", "Dockerfile"));

    [Fact]
    public void Build_IsMultiStage_SdkToBuild_AspNetRuntimeToRun_BothPinnedToDotnet10()
    {
        var stages = Docker.Stages();
        Assert.True(stages.Count >= 2, "expected a build stage and a runtime stage");
        Assert.Matches(@"^mcr\.microsoft\.com/dotnet/sdk:10\.0\S* AS build$", stages[0][0].Args);
        Assert.Matches(@"^mcr\.microsoft\.com/dotnet/aspnet:10\.0\S* AS runtime$", stages[^1][0].Args);
        Assert.All(stages, s => Assert.DoesNotContain(":latest", s[0].Args, StringComparison.Ordinal));
        Assert.Contains(stages[^1], i => i.Keyword == "COPY" && i.Args.StartsWith("--from=build ", StringComparison.Ordinal));
    }

    [Fact]
    public void Runtime_RunsAsANumericNonRootUser_TheOneTheChartRequires()
    {
        var users = Docker.Stages()[^1].Where(i => i.Keyword == "USER").ToList();
        Assert.NotEmpty(users);
        var user = users[^1].Args.Split(':')[0];
        Assert.True(int.TryParse(user, NumberStyles.None, CultureInfo.InvariantCulture, out var uid), $"USER {user} is not numeric: runAsNonRoot cannot verify a name");
        Assert.NotEqual(0, uid);
        Assert.Equal(uid, ChartFiles.Int("podSecurityContext.runAsUser"));
    }

    [Fact]
    public void Nothing_IsFetchedByAdd_NorSecretInEnvOrArg()
    {
        Assert.DoesNotContain(Docker.Instructions, i => i.Keyword == "ADD" && UrlOrArchive().IsMatch(i.Args));
        var names = Docker.Instructions.Where(i => i.Keyword is "ENV").SelectMany(Dockerfile.EnvNames)
            .Concat(Docker.Instructions.Where(i => i.Keyword == "ARG").Select(i => i.Args.Split('=')[0]));
        Assert.All(names, n => Assert.DoesNotMatch(SecretName(), n));
    }

    [Fact]
    public void Entrypoint_RunsTheDllTheSiloProjectBuilds()
    {
        var assembly = XDocument.Load(RepoFiles.SiloProject).Descendants("AssemblyName").Single().Value;
        var entrypoint = Docker.Stages()[^1].Last(i => i.Keyword == "ENTRYPOINT").Args;
        Assert.Equal($"[\"dotnet\", \"{assembly}.dll\"]", entrypoint);
        Assert.True(System.IO.File.Exists(RepoPaths.SiloDll()), "the silo is built");
        Assert.Equal(assembly + ".dll", Path.GetFileName(RepoPaths.SiloDll()));
    }

    [Fact]
    public void ExposedPorts_AreTheSilosDefaults_AndGrpcListensOnTheExposedPort()
    {
        var grpcPort = new Uri(SiloHosting.DefaultUrl).Port;
        var exposed = Docker.Stages()[^1].Where(i => i.Keyword == "EXPOSE")
            .SelectMany(i => i.Args.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(p => int.Parse(p.Split('/')[0], CultureInfo.InvariantCulture)).ToHashSet();
        Assert.Equal(new HashSet<int> { grpcPort, SiloOrleans.DefaultSiloPort, SiloOrleans.DefaultGatewayPort }, exposed);

        var env = Docker.Stages()[^1].Where(i => i.Keyword == "ENV").Select(i => i.Args).Single(a => a.Contains("ASPNETCORE_URLS", StringComparison.Ordinal));
        Assert.Contains($"ASPNETCORE_URLS=http://+:{grpcPort}", env, StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_IsCachedOnProjectFiles_EveryProjectTheSiloNeedsCopiedBeforeIt()
    {
        var build = Docker.Stages()[0].ToList();
        var restore = build.FindIndex(i => i.Keyword == "RUN" && i.Args.StartsWith("dotnet restore", StringComparison.Ordinal));
        var firstSource = build.FindIndex(i => i.Keyword == "COPY" && i.Args.StartsWith("src/ ", StringComparison.Ordinal));
        Assert.True(restore > 0 && firstSource > restore, "restore runs before the sources are copied");

        var copiedBefore = build.Take(restore).Where(i => i.Keyword == "COPY").SelectMany(i => i.Args.Split(' ')[..^1]).ToHashSet();
        foreach (var project in ProjectsOf("silo/AccountGrains.Silo.csproj"))
        {
            Assert.Contains(project, copiedBefore);
        }

        foreach (var shared in new[] { "global.json", "Directory.Build.props", "Directory.Packages.props", ".editorconfig" })
        {
            Assert.Contains(shared, copiedBefore);
        }
    }

    [Fact]
    public void DockerIgnore_KeepsBuildOutputAndLocalDataOutOfTheContext()
    {
        var ignored = System.IO.File.ReadAllLines(RepoFiles.DockerIgnore).Select(l => l.Trim()).ToHashSet();
        Assert.Contains("**/bin/", ignored);
        Assert.Contains("**/obj/", ignored);
        Assert.Contains("silo/data/", ignored);
        Assert.Contains(".git/", ignored);
    }

    /// <summary>The project and every project it references, transitively, as repository-relative paths.</summary>
    private static HashSet<string> ProjectsOf(string project)
    {
        var found = new HashSet<string>();
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var next))
        {
            if (!found.Add(next))
            {
                continue;
            }

            var folder = Path.GetDirectoryName(Path.Combine(RepoPaths.Root, next))!;
            foreach (var reference in XDocument.Load(Path.Combine(RepoPaths.Root, next)).Descendants("ProjectReference"))
            {
                pending.Push(Path.GetRelativePath(RepoPaths.Root, Path.GetFullPath(Path.Combine(folder, reference.Attribute("Include")!.Value))));
            }
        }

        return found;
    }

    [GeneratedRegex(@"(https?|ftp)://|\.(tar|tgz|gz|zip)\b", RegexOptions.IgnoreCase)]
    private static partial Regex UrlOrArchive();

    [GeneratedRegex(@"(?i)(password|secret|token|apikey|api_key|sha256|signingkey|connectionstring)")]
    private static partial Regex SecretName();
}
