namespace AccountGrains.Api.Tests.Support;

/// <summary>Asserts that a call fails with a given status code.</summary>
public static class Refused
{
    public static async Task<RpcException> WithAsync(StatusCode expected, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(call);
        Assert.True(error.StatusCode == expected, $"Expected {expected}, got {error.StatusCode}: {error.Status.Detail}");
        return error;
    }
}
