namespace AccountGrains.Cluster.Tests.Support;

/// <summary>
/// Waits for background work (a heartbeat, a reminder's turn, a lease expiring on the database's clock).
/// The bound only guards against hanging; the condition is what the test asserts.
/// </summary>
internal static class Eventually
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? guard = null, Action? between = null)
    {
        var deadline = DateTime.UtcNow + (guard ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var value = await probe();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            between?.Invoke();
            await Task.Delay(25);
        }
    }

    public static Task<bool> TrueAsync(Func<bool> condition, TimeSpan? guard = null, Action? between = null) =>
        UntilAsync(() => Task.FromResult(condition()), static v => v, guard, between);
}
