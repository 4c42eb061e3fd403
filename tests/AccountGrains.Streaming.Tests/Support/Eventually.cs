namespace AccountGrains.Streaming.Tests.Support;

/// <summary>Polls until a condition holds; the bound only guards against hanging (generous: the box is shared), never a measurement.</summary>
internal static class Eventually
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? guard = null)
    {
        var deadline = DateTime.UtcNow + (guard ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            var value = await probe();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(50);
        }
    }
}
