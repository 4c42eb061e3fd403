namespace AccountGrains.Cli.Tests.Support;

/// <summary>Polls until a condition holds (bounded, generous: the machine is shared), instead of a fixed sleep.</summary>
public static class Eventually
{
    public static async Task<T> Async<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"not within the time allowed; last: {value}");
            await Task.Delay(100);
        }
    }
}
