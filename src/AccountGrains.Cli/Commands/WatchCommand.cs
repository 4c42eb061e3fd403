using System.CommandLine;
using System.Globalization;
using AccountGrains.Cli.Output;
using AccountGrains.Contracts.V1;

namespace AccountGrains.Cli.Commands;

/// <summary>
/// watch: follows WatchEvents (the client reconnects and resumes by itself) and prints each event as it commits; with
/// --cursor-file the last printed position is saved after each event, so a restarted watch repeats nothing and misses nothing.
/// </summary>
internal static class WatchCommand
{
    public static Command Create()
    {
        var after = new Option<long?>("--after") { Description = "Start after this log position (default: the cursor file's, else 0, the beginning)." };
        var cursorFile = new Option<string?>("--cursor-file") { Description = "Read the start position from this file and save each printed event's position to it." };
        var types = new Option<string[]>("--type", "-t") { Description = "Only these event types (LockPlaced, LockLifted...); repeatable.", AllowMultipleArgumentsPerToken = false };
        var accounts = new Option<string[]>("--account") { Description = "Only these accounts; repeatable (at most 1000)." };
        var count = new Option<int?>("--count", "-n") { Description = "Stop after this many events (default: follow until Ctrl-C)." };
        var command = new Command("watch", "Follows the event stream in commit order (table: one line per event; json: one object per line).") { after, cursorFile, types, accounts, count };
        command.Handle(async (parse, s, ct) =>
        {
            var cursor = parse.GetValue(cursorFile);
            var start = parse.GetValue(after) ?? ReadCursor(cursor);
            var filter = new EventFilter();
            filter.EventTypes.Add(parse.GetValue(types) ?? []);
            filter.AccountIds.Add((parse.GetValue(accounts) ?? []).Select(AccountIds.Check));
            var limit = parse.GetValue(count);
            if (limit is < 1)
            {
                throw new CliUsageException("--count must be positive");
            }

            var seen = 0;
            try
            {
                await foreach (var e in s.Accounts.WatchEventsAsync(start, filter, ct))
                {
                    if (s.Printer.Json)
                    {
                        s.Printer.WriteJson(e);
                    }
                    else
                    {
                        Console.Out.WriteLine(Views.Event(e));
                    }

                    if (cursor is not null)
                    {
                        SaveCursor(cursor, e.Position);
                    }

                    if (++seen == limit)
                    {
                        break;
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Ctrl-C is how a watch ends; what was printed was saved.
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static long ReadCursor(string? path)
    {
        if (path is null || !File.Exists(path))
        {
            return 0;
        }

        var text = File.ReadAllText(path).Trim();
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var position)
            ? position
            : throw new CliUsageException($"--cursor-file {path} holds '{text}', not a log position");
    }

    private static void SaveCursor(string path, long position)
    {
        // Renamed over the old one so a crash mid-write never leaves a torn cursor.
        var temp = path + ".tmp";
        File.WriteAllText(temp, position.ToString(CultureInfo.InvariantCulture) + "\n");
        File.Move(temp, path, overwrite: true);
    }
}
