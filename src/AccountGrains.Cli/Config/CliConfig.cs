using System.Text.Json;
using System.Text.Json.Serialization;

namespace AccountGrains.Cli.Config;

/// <summary>One named connection, like a kubectl context: where the silo is and who calls it.</summary>
internal sealed class CliContext
{
    public string? Address { get; set; }

    public string? Key { get; set; }

    public string? Token { get; set; }

    public string? OnBehalfOf { get; set; }

    public string? Timeout { get; set; }

    public string? Output { get; set; }
}

/// <summary>
/// The config file (<c>$ACCTCTL_CONFIG</c>, else <c>~/.config/acctctl/config.json</c>): named contexts and the current
/// one. It may hold keys, so it is written readable by its owner only.
/// </summary>
internal sealed class CliConfig
{
    public const string PathVariable = "ACCTCTL_CONFIG";

    public string? CurrentContext { get; set; }

    public SortedDictionary<string, CliContext> Contexts { get; set; } = new(StringComparer.Ordinal);

    public static string DefaultPath()
    {
        if (Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path)
        {
            return path;
        }

        var configHome = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return Path.Combine(configHome, "acctctl", "config.json");
    }

    /// <summary>Reads the file; an absent file is an empty config.</summary>
    /// <exception cref="CliUsageException">The file is not valid JSON of this shape.</exception>
    public static CliConfig Load(string path)
    {
        if (!File.Exists(path))
        {
            return new CliConfig();
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), CliConfigJson.Default.CliConfig) ?? new CliConfig();
        }
        catch (JsonException e)
        {
            throw new CliUsageException($"config file {path} is not valid: {e.Message}");
        }
    }

    /// <summary>Writes the file atomically (a temp file renamed over it), mode 0600 because it may hold keys.</summary>
    public void Save(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temp, options))
        {
            JsonSerializer.Serialize(stream, this, CliConfigJson.Default.CliConfig);
        }

        File.Move(temp, path, overwrite: true);
    }
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CliConfig))]
internal sealed partial class CliConfigJson : JsonSerializerContext;
