namespace AccountGrains.ClusterProcess.Tests.Harness;

/// <summary>Where the built silo is, found from the test assembly's folder (as the API tests find it).</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The silo's DLL in this assembly's configuration, falling back to the other one.</summary>
    public static string SiloDll()
    {
        var ours = AppContext.BaseDirectory.Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var other = ours == "Release" ? "Debug" : "Release";
        foreach (var configuration in new[] { ours, other })
        {
            var dll = Path.Combine(Root, "silo", "bin", configuration, "net10.0", "AccountGrains.Silo.dll");
            if (File.Exists(dll))
            {
                return dll;
            }
        }

        throw new FileNotFoundException($"AccountGrains.Silo.dll is not built under {Path.Combine(Root, "silo", "bin")}: run dotnet build.");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AccountGrains.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("AccountGrains.sln not found above " + AppContext.BaseDirectory);
    }
}
