using System.Net;
using AccountGrains.Grpc.Client;
using AccountGrains.Grpc.Client.Internal;
using Grpc.Testing;

namespace AccountGrains.Grpc.Tests.Client;

/// <summary>Retry of UNAVAILABLE (gRFC A6 rules) for calls marked safe, with a stub handler counting attempts.</summary>
public sealed class ClientRetryTests
{
    private static readonly SimpleResponse Response = new() { Payload = InteropClientCases.Zeros(1) };

    [Fact]
    public async Task ConnectionFailure_WhenSafe_IsRetriedUpToMaxAttempts()
    {
        var handler = new StubHttpHandler(_ => throw new HttpRequestException(HttpRequestError.ConnectionError, "refused"));
        using var channel = ClientProtocolTests.Channel(handler, FastRetry);

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(TestServiceMethods.UnaryCall, new SimpleRequest(), Safe));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal(4, handler.Sent.Count);
    }

    [Fact]
    public async Task ConnectionFailure_WhenNotSafe_IsNotRetried()
    {
        var handler = new StubHttpHandler(_ => throw new HttpRequestException(HttpRequestError.ConnectionError, "refused"));
        using var channel = ClientProtocolTests.Channel(handler, FastRetry);

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(TestServiceMethods.UnaryCall, new SimpleRequest()));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Single(handler.Sent);
    }

    [Fact]
    public async Task Http503_ThenSuccess_WhenSafe_Succeeds()
    {
        var attempts = 0;
        var handler = new StubHttpHandler(_ => Interlocked.Increment(ref attempts) == 1
            ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
            : StubHttpHandler.Grpc(StubHttpHandler.Frame(Response)));
        using var channel = ClientProtocolTests.Channel(handler, FastRetry);

        var response = await channel.UnaryAsync(TestServiceMethods.UnaryCall, new SimpleRequest(), Safe);

        Assert.Equal(Response, response);
        Assert.Equal(2, handler.Sent.Count);
    }

    [Fact]
    public async Task Unavailable_AfterHeadersCommitted_IsNotRetried()
    {
        var handler = new StubHttpHandler(_ => StubHttpHandler.Grpc([], status: "14"));
        using var channel = ClientProtocolTests.Channel(handler, FastRetry);

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(TestServiceMethods.UnaryCall, new SimpleRequest(), Safe));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Single(handler.Sent);
    }

    [Fact]
    public async Task OtherStatus_WhenSafe_IsNotRetried()
    {
        var handler = new StubHttpHandler(_ => StubHttpHandler.TrailersOnly(StatusCode.Internal, "boom"));
        using var channel = ClientProtocolTests.Channel(handler, FastRetry);

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(TestServiceMethods.UnaryCall, new SimpleRequest(), Safe));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.Single(handler.Sent);
    }

    [Theory]
    [InlineData(1, 0.5, 50)]
    [InlineData(2, 0.5, 100)]
    [InlineData(3, 0.99, 396)]
    [InlineData(10, 0.5, 500)]
    public void Backoff_GrowsGeometricallyUnderTheCap(int attempt, double unit, int expectedMs)
    {
        var policy = new GrpcRetryPolicy { InitialBackoff = TimeSpan.FromMilliseconds(100), BackoffMultiplier = 2, MaxBackoff = TimeSpan.FromSeconds(1) };

        var delay = RetryBackoff.Delay(policy, attempt, unit);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), delay);
    }

    private static CallOptions Safe => new() { IsSafeToRetry = true };

    private static void FastRetry(GrpcChannelOptions options) =>
        options.Retry = new GrpcRetryPolicy { MaxAttempts = 4, InitialBackoff = TimeSpan.Zero, MaxBackoff = TimeSpan.Zero };
}
