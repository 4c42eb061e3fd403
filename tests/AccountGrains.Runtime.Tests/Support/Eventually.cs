namespace AccountGrains.Runtime.Tests;

/// <summary>Waits for an effect the runtime completes in the background (not for time to pass: clocks are manual).</summary>
internal static class Eventually
{
    public static async Task True(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not become true within 10 s");
            await Task.Delay(5);
        }
    }
}
