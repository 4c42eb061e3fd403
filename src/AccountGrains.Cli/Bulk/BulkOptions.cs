using System.CommandLine;
using System.Globalization;
using AccountGrains.Cli.Output;

namespace AccountGrains.Cli.Bulk;

/// <summary>The options that turn lock, unlock and badge revoke into a bulk run over a file of accounts.</summary>
internal sealed class BulkOptions
{
    public const int DefaultConcurrency = 16;

    private readonly Option<string?> _fromFile = new("--from-file", "-f") { Description = "Run over every account of this file (one id a line, # comments)." };
    private readonly Option<string?> _runName = new("--run-name") { Description = "Names the run: re-running the same name repeats nothing (required with --from-file)." };
    private readonly Option<int> _concurrency = new("--concurrency", "-c") { Description = "Calls in flight at once.", DefaultValueFactory = _ => DefaultConcurrency };
    private readonly Option<string?> _failuresFile = new("--failures-file") { Description = "Where to write what failed (default ./acctctl-<op>-<run>.failures.txt)." };

    public void AddTo(Command command)
    {
        command.Add(_fromFile);
        command.Add(_runName);
        command.Add(_concurrency);
        command.Add(_failuresFile);
    }

    /// <summary>The run asked for, or <see langword="null"/> for a single-account call.</summary>
    public BulkSpec? Spec(ParseResult parse, string? account)
    {
        var file = parse.GetValue(_fromFile);
        if (file is null)
        {
            return account is null
                ? throw new CliUsageException("give an account id, or --from-file with --run-name")
                : parse.GetValue(_runName) is not null ? throw new CliUsageException("--run-name needs --from-file") : null;
        }

        if (account is not null)
        {
            throw new CliUsageException("give an account id or --from-file, not both");
        }

        var concurrency = parse.GetValue(_concurrency);
        if (concurrency is < 1 or > 256)
        {
            throw new CliUsageException("--concurrency must be 1-256");
        }

        return new BulkSpec(file, IdempotencyKeys.CheckRunName(parse.GetValue(_runName)), concurrency, parse.GetValue(_failuresFile));
    }

    /// <summary>Runs <paramref name="operation"/>, prints the summary, returns the exit code.</summary>
    public static async Task<int> RunAsync(Session session, BulkSpec spec, BulkOperation operation, CancellationToken ct)
    {
        var result = await BulkRunner.RunAsync(spec, operation, BulkProgress.For($"{operation.Name} {spec.RunName}"), ct);
        PrintSummary(session.Printer, result);
        if (result.AbortedBy is not null)
        {
            CommandRunner.Error($"run stopped: {result.AbortedBy}");
        }

        return BulkRunner.ExitCode(result);
    }

    private static void PrintSummary(Printer printer, BulkResult r)
    {
        var c = r.Counts;
        var rate = r.Elapsed.TotalSeconds > 0 ? c.Finished / r.Elapsed.TotalSeconds : 0;
        if (printer.Json)
        {
            var json = new System.Text.Json.Nodes.JsonObject
            {
                ["operation"] = r.Operation.Name,
                ["run_name"] = r.Spec.RunName,
                ["accounts"] = c.Total,
                ["done_now"] = c.DoneNow,
                ["already_done"] = c.AlreadyDone,
                ["failed"] = c.Failed,
                ["not_attempted"] = c.NotAttempted.Count,
                ["malformed_lines"] = r.Input.BadLines.Count,
                ["duplicate_lines"] = r.Input.Duplicates,
                ["interrupted"] = r.Interrupted,
                ["elapsed_seconds"] = Math.Round(r.Elapsed.TotalSeconds, 3),
                ["per_second"] = Math.Round(rate, 1),
                ["failures_file"] = r.FailuresPath,
            };
            Console.Out.WriteLine(json.ToJsonString());
            return;
        }

        string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
        printer.Fields(
            $"{r.Operation.Name} --run-name {r.Spec.RunName}{(r.Interrupted ? " (interrupted)" : "")}",
            [
                ("accounts", N(c.Total)),
                (r.Operation.DoneWord + " now", N(c.DoneNow)),
                ("already done", N(c.AlreadyDone)),
                ("failed", N(c.Failed)),
                ("not attempted", N(c.NotAttempted.Count)),
                ("malformed lines", N(r.Input.BadLines.Count)),
                ("duplicate lines", N(r.Input.Duplicates)),
                ("elapsed", TimeText.Format(r.Elapsed) + string.Create(CultureInfo.InvariantCulture, $" ({rate:0}/s)")),
                ("failures file", r.FailuresPath ?? "none"),
            ]);
    }
}
