using System.CommandLine;
using AccountGrains.Cli.Commands;

namespace AccountGrains.Cli;

/// <summary>The command tree of acctctl.</summary>
internal static class CliApp
{
    public static RootCommand Build()
    {
        var root = new RootCommand("acctctl: lock, unlock, verify and follow AccountGrains accounts, one at a time or from a file of thousands.")
        {
            LockCommands.Lock(),
            LockCommands.Unlock(),
            ProfileCommands.Verify(),
            ProfileCommands.Signal(),
            BadgeCommands.Recover(),
            BadgeCommands.Badge(),
            ProfileCommands.HighProfile(),
            ProfileCommands.Show(),
            ReadCommands.History(),
            WatchCommand.Create(),
            ReadCommands.Report(),
            ReadCommands.Silos(),
            ConfigCommands.Create(),
        };
        foreach (var option in GlobalOptions.All)
        {
            root.Options.Add(option);
        }

        return root;
    }

    public static Task<int> RunAsync(string[] args) =>
        // No termination timeout: on Ctrl-C a bulk run waits for its calls in flight (each bounded by its deadline) so
        // their outcomes are reported, not guessed.
        Build().Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
}
