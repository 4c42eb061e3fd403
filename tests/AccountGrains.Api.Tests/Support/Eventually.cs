namespace AccountGrains.Api.Tests.Support;

/// <summary>Polls until a condition holds, for what happens in the background in real time (a grain timer's expiry).</summary>
public static class Eventually
{
    /// <summary>Probes every 100 ms until <paramref name="done"/> holds; the bound guards against hanging, it is not a measurement.</summary>
    public static async Task<T> Async<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan within)
    {
        var until = DateTime.UtcNow + within;
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < until, $"The condition did not hold within {within}.");
            await Task.Delay(100);
        }
    }
}
