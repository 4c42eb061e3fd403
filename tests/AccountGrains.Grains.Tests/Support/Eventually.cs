namespace AccountGrains.Grains.Tests.Support;

/// <summary>
/// Waits for background work (a reminder's turn) that the manual clock set off. The bound is only a
/// guard against hanging, never a measurement: the condition is what the test asserts.
/// </summary>
internal static class Eventually
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? guard = null)
    {
        var deadline = DateTime.UtcNow + (guard ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var value = await probe();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(20);
        }
    }
}
