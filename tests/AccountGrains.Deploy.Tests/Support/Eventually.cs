namespace AccountGrains.Deploy.Tests.Support;

/// <summary>Polls a condition until it holds, failing after a generous bound (never a fixed sleep before asserting).</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not within the bound: {what}");
            await Task.Delay(200);
        }
    }
}
