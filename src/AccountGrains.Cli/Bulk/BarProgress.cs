using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace AccountGrains.Cli.Bulk;

/// <summary>Spectre's progress bar on the terminal's stderr: the tally, the bar, count, rate and ETA.</summary>
internal sealed class BarProgress(string title) : IBulkProgress
{
    private readonly IAnsiConsole _console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    public void BadLine(BadLine line) => BulkProgress.WriteBadLine(line);

    public Task RunAsync(BulkCounts counts, Func<Task> work) =>
        _console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new CountColumn(),
                new RateColumn(),
                new RemainingTimeColumn(),
                new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(Describe(counts), maxValue: Math.Max(1, counts.Total));
                var running = work();
                while (await Task.WhenAny(running, Task.Delay(TimeSpan.FromMilliseconds(200))) != running)
                {
                    Update(task, counts);
                }

                Update(task, counts);
                await running;
            });

    private void Update(ProgressTask task, BulkCounts counts)
    {
        task.Value = counts.Finished;
        task.Description = Describe(counts);
    }

    private string Describe(BulkCounts c) => Markup.Escape($"{title} · {BulkProgress.Tally(c, "done")}");

    /// <summary>"12,345/20,000": how far, in accounts.</summary>
    private sealed class CountColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(string.Create(CultureInfo.InvariantCulture, $"{task.Value:N0}/{task.MaxValue:N0}"));
    }

    /// <summary>Accounts a second, from Spectre's recent samples.</summary>
    private sealed class RateColumn : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(task.Speed is { } speed ? string.Create(CultureInfo.InvariantCulture, $"{speed:N0}/s") : "-/s", new Style(Color.Aqua));
    }
}
