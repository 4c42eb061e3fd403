using System.Globalization;
using System.Text.RegularExpressions;

namespace AccountGrains.Cli;

/// <summary>Durations as people type them (500ms, 5s, 2m, 1h, 7d) and dates as ISO 8601 (2026-12-01, UTC).</summary>
internal static partial class TimeText
{
    public static TimeSpan ParseDuration(string text, string what)
    {
        var m = DurationPattern().Match(text.Trim());
        if (!m.Success)
        {
            throw new CliUsageException($"{what} '{text}' is not a duration (e.g. 500ms, 5s, 2m, 1h, 7d)");
        }

        var n = double.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
        var d = m.Groups["unit"].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(n),
            "" or "s" => TimeSpan.FromSeconds(n),
            "m" => TimeSpan.FromMinutes(n),
            "h" => TimeSpan.FromHours(n),
            _ => TimeSpan.FromDays(n),
        };
        return d > TimeSpan.Zero ? d : throw new CliUsageException($"{what} must be positive");
    }

    public static DateTimeOffset ParseDate(string text, string what) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : throw new CliUsageException($"{what} '{text}' is not a date (e.g. 2026-12-01)");

    public static string Format(TimeSpan d) => d <= TimeSpan.Zero ? "0s" : d.TotalSeconds < 1
        ? $"{d.TotalMilliseconds:0}ms"
        : d.TotalMinutes < 1 ? $"{d.TotalSeconds:0.#}s" : d.TotalHours < 1 ? $"{(int)d.TotalMinutes}m{d.Seconds:00}s" : $"{(int)d.TotalHours}h{d.Minutes:00}m";

    public static string Format(Google.Protobuf.WellKnownTypes.Timestamp? at) =>
        at is null ? "" : at.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<n>\d+(\.\d+)?)(?<unit>ms|s|m|h|d|)$")]
    private static partial Regex DurationPattern();
}
