using System.Globalization;
using System.Text;

namespace AccountGrains.Cli.Bulk;

/// <summary>
/// The report of what a bulk run did not do: each failed or not attempted account on a line of its own (the line's
/// number and the status follow as a comment), then the malformed lines as comments. Accounts first and comments
/// after means the file is itself a valid <c>--from-file</c> for a retry under the same run name.
/// </summary>
internal static class FailuresFile
{
    private const string Header = "# acctctl ";

    public static string DefaultPath(string operation, string runName) =>
        Path.Combine(Environment.CurrentDirectory, $"acctctl-{operation.Replace(' ', '-')}-{runName}.failures.txt");

    /// <summary>Writes the file when anything is to report and returns its path; else removes a stale one of this run.</summary>
    public static string? Write(BulkResult r)
    {
        var path = r.Spec.FailuresFile ?? DefaultPath(r.Operation.Name, r.Spec.RunName);
        if (r.Counts.Failures.IsEmpty && r.Counts.NotAttempted.IsEmpty && r.Input.BadLines.Count == 0)
        {
            // A stale report of an earlier attempt of this run would mislead; only a file this tool wrote is removed.
            if (File.Exists(path) && File.ReadLines(path).FirstOrDefault() is { } head && head.StartsWith(Header, StringComparison.Ordinal))
            {
                File.Delete(path);
            }

            return null;
        }

        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.Append(inv, $"{Header}{r.Operation.Name} --run-name {r.Spec.RunName} --from-file {r.Spec.FromFile}, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss}Z: ")
            .Append(inv, $"{r.Counts.Failed} failed, {r.Counts.NotAttempted.Count} not attempted, {r.Input.BadLines.Count} malformed lines.\n")
            .Append("# Re-run with --from-file this file and the same --run-name to retry the accounts below (nothing done is repeated).\n");
        foreach (var f in r.Counts.Failures.OrderBy(f => f.Item.Line))
        {
            text.Append(inv, $"{f.Item.AccountId}\t# line {f.Item.Line}: {f.Message}\n");
        }

        foreach (var item in r.Counts.NotAttempted.OrderBy(i => i.Line))
        {
            text.Append(inv, $"{item.AccountId}\t# line {item.Line}: not attempted ({(r.AbortedBy is null ? "interrupted" : "run stopped")})\n");
        }

        foreach (var bad in r.Input.BadLines)
        {
            text.Append(inv, $"# line {bad.Line}: malformed, {bad.Why}: {bad.Text.Replace('#', ' ').Trim()}\n");
        }

        File.WriteAllText(path, text.ToString());
        return path;
    }
}
