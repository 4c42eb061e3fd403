using System.Diagnostics;
using System.Globalization;

namespace AccountGrains.Cli.Bulk;

/// <summary>How a bulk run shows its progress (on stderr, so stdout carries only the summary).</summary>
internal interface IBulkProgress
{
    void BadLine(BadLine line);

    Task RunAsync(BulkCounts counts, Func<Task> work);
}

/// <summary>The progress view for where stderr goes: a Spectre bar on a terminal, plain lines otherwise.</summary>
internal static class BulkProgress
{
    public static IBulkProgress For(string title) =>
        !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("TERM") is not "dumb" ? new BarProgress(title) : new PlainProgress(title, TimeSpan.FromSeconds(1));

    public static string Tally(BulkCounts c, string doneWord) => string.Create(
        CultureInfo.InvariantCulture,
        $"{doneWord} {c.DoneNow} · already done {c.AlreadyDone} · failed {c.Failed}");

    public static void WriteBadLine(BadLine line) =>
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"acctctl: line {line.Line}: malformed, {line.Why}: {line.Text.Trim()}"));
}

/// <summary>One line a second, for logs and CI: counts, rate and ETA, and a last line when done.</summary>
internal sealed class PlainProgress(string title, TimeSpan interval) : IBulkProgress
{
    public void BadLine(BadLine line) => BulkProgress.WriteBadLine(line);

    public async Task RunAsync(BulkCounts counts, Func<Task> work)
    {
        var clock = Stopwatch.StartNew();
        var running = work();
        using var timer = new PeriodicTimer(interval);
        while (await Task.WhenAny(running, timer.WaitForNextTickAsync().AsTask()) != running)
        {
            Line(counts, clock.Elapsed);
        }

        Line(counts, clock.Elapsed);
        await running;
    }

    private void Line(BulkCounts c, TimeSpan elapsed)
    {
        var rate = elapsed.TotalSeconds > 0 ? c.Finished / elapsed.TotalSeconds : 0;
        var eta = rate > 0 ? TimeText.Format(TimeSpan.FromSeconds((c.Total - c.Finished) / rate)) : "?";
        var percent = c.Total == 0 ? 100 : 100.0 * c.Finished / c.Total;
        Console.Error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{title}: {c.Finished}/{c.Total} ({percent:0.0}%) · {BulkProgress.Tally(c, "done")} · {rate:0}/s · eta {eta}"));
    }
}
