namespace AccountGrains.Testing;

/// <summary>Where the repository's pieces are, found from the test assembly's folder.</summary>
public static class RepoPaths
{
    /// <summary>The folder holding AccountGrains.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>tests/interop: the grpc-js scripts and their node_modules.</summary>
    public static string Interop => Path.Combine(Root, "tests", "interop");

    /// <summary>
    /// The silo's built DLL, in the configuration this test assembly was built with (the silo is a project reference,
    /// so it was built too), falling back to the other one.
    /// </summary>
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
