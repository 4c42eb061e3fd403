using System.Diagnostics;

namespace AccountGrains.Fencing.Tests.Infrastructure;

/// <summary>Polls a condition in real time until it holds or a bounded wait runs out.</summary>
public static class Eventually
{
    public static async Task<TimeSpan> TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (await condition())
            {
                return watch.Elapsed;
            }

            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"Not within {timeout.TotalSeconds:F1} s: {what}");
            }

            await Task.Delay(50);
        }
    }

    public static Task<TimeSpan> TrueAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        TrueAsync(() => Task.FromResult(condition()), timeout, what);
}
