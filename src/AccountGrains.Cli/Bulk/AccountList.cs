namespace AccountGrains.Cli.Bulk;

/// <summary>One account of a bulk run and the line of the file it came from.</summary>
internal sealed record BulkItem(int Line, string AccountId);

/// <summary>A line that names no account: reported with its number, the rest of the file proceeds.</summary>
internal sealed record BadLine(int Line, string Text, string Why);

/// <summary>
/// A bulk run's input: one account id a line. Blank lines and <c># comments</c> are skipped, a comment may follow the
/// id, so a failures file (<see cref="FailuresFile"/>) is itself an input. A repeated account is run once.
/// </summary>
internal sealed record AccountList(IReadOnlyList<BulkItem> Items, IReadOnlyList<BadLine> BadLines, int Duplicates)
{
    /// <exception cref="CliUsageException">The file cannot be read.</exception>
    public static AccountList Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliUsageException($"--from-file {path}: no such file");
        }

        var items = new List<BulkItem>();
        var bad = new List<BadLine>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = 0;
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var hash = raw.IndexOf('#', StringComparison.Ordinal);
            var text = (hash >= 0 ? raw[..hash] : raw).Trim();
            if (text.Length == 0)
            {
                continue;
            }

            if (text.Any(char.IsWhiteSpace))
            {
                bad.Add(new BadLine(number, raw, "more than one word (one account id a line)"));
            }
            else if (!AccountIds.IsValid(text))
            {
                bad.Add(new BadLine(number, raw, "not an account id (1-64 characters of A-Z a-z 0-9 _ . -)"));
            }
            else if (!seen.Add(text))
            {
                duplicates++;
            }
            else
            {
                items.Add(new BulkItem(number, text));
            }
        }

        return new AccountList(items, bad, duplicates);
    }
}
