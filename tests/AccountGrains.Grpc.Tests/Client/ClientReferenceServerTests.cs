using System.Net;
using System.Net.Sockets;
using AccountGrains.Grpc.Client;
using AccountGrains.Testing;
using Grpc.Testing;

namespace AccountGrains.Grpc.Tests.Client;

/// <summary>Deadlines, cancellation, metadata, limits and retry against the grpc-js reference server.</summary>
[Collection(ReferenceServerCollection.Name)]
public sealed class ClientReferenceServerTests(ReferenceServerFixture server)
{
    [Fact]
    public async Task Deadline_PassingOnTheClientClock_EndsCallWithDeadlineExceeded_AndResetsTheStream()
    {
        var clock = new ManualTimeProvider();
        using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { TimeProvider = clock });
        var key = Guid.NewGuid().ToString("N");
        using var call = channel.StartServerStreaming(
            TestServiceMethods.StreamingOutputCall, OneNowThenSleep(), new CallOptions { Timeout = TimeSpan.FromHours(1), Headers = new Metadata().Add("x-track-key", key) });
        await using var messages = call.ResponseStream.GetAsyncEnumerator();
        Assert.True(await messages.MoveNextAsync());

        clock.Advance(TimeSpan.FromHours(1));

        var error = await Assert.ThrowsAsync<RpcException>(async () => await messages.MoveNextAsync());
        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.True(await ServerSawCancellationAsync(key));
    }

    [Fact]
    public async Task Cancellation_EndsCallWithCancelled_AndResetsTheStream()
    {
        using var channel = GrpcChannel.ForAddress(server.Address);
        var key = Guid.NewGuid().ToString("N");
        using var cancellation = new CancellationTokenSource();
        using var call = channel.StartServerStreaming(
            TestServiceMethods.StreamingOutputCall, OneNowThenSleep(), new CallOptions { CancellationToken = cancellation.Token, Headers = new Metadata().Add("x-track-key", key) });
        await using var messages = call.ResponseStream.GetAsyncEnumerator();
        Assert.True(await messages.MoveNextAsync());

        await cancellation.CancelAsync();

        var error = await Assert.ThrowsAsync<RpcException>(async () => await messages.MoveNextAsync());
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.Equal(StatusCode.Cancelled, call.GetStatus().StatusCode);
        Assert.True(await ServerSawCancellationAsync(key));
    }

    [Fact]
    public async Task DisposingTheChannel_CancelsRunningCalls()
    {
        var channel = GrpcChannel.ForAddress(server.Address);
        using var call = channel.StartServerStreaming(TestServiceMethods.StreamingOutputCall, Sleeping());

        channel.Dispose();

        var error = await Assert.ThrowsAsync<RpcException>(() => InteropClientCases.DrainAsync(call));
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0 })]
    [InlineData(new byte[] { 0xff, 0x00 })]
    [InlineData(new byte[] { 1, 2, 3 })]
    [InlineData(new byte[] { 0xfb, 0xff, 0xbf, 0x3e })]
    public async Task BinaryMetadata_RoundTripsThroughTheServer(byte[] value)
    {
        using var channel = GrpcChannel.ForAddress(server.Address);
        var headers = new Metadata().Add("x-grpc-test-echo-initial", "a b ~!").Add("x-grpc-test-echo-trailing-bin", value);
        using var call = channel.StartUnary(TestServiceMethods.UnaryCall, new SimpleRequest(), new CallOptions { Headers = headers });

        await call;

        Assert.Equal("a b ~!", (await call.ResponseHeadersAsync).GetValue("x-grpc-test-echo-initial"));
        Assert.Equal(value, call.GetTrailers().GetValueBytes("x-grpc-test-echo-trailing-bin"));
    }

    [Fact]
    public async Task StatusException_CarriesCodeMessageAndTrailers()
    {
        using var channel = GrpcChannel.ForAddress(server.Address);
        var request = new SimpleRequest { ResponseStatus = new EchoStatus { Code = (int)StatusCode.FailedPrecondition, Message = "account 100% frozen" } };
        var headers = new Metadata().Add("x-grpc-test-echo-trailing-bin", [7, 7]);

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(TestServiceMethods.UnaryCall, request, new CallOptions { Headers = headers }));

        Assert.Equal(new Status(StatusCode.FailedPrecondition, "account 100% frozen"), error.Status);
        Assert.Equal([7, 7], error.Trailers.GetValueBytes("x-grpc-test-echo-trailing-bin"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Response_LargerThanMaxReceive_IsResourceExhausted(bool compressed)
    {
        using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { MaxReceiveMessageSize = 1000 });
        var request = new SimpleRequest { ResponseSize = 2000, ResponseCompressed = new BoolValue { Value = compressed } };

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(TestServiceMethods.UnaryCall, request));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Unavailable_WhenSafe_IsRetriedUntilItSucceeds()
    {
        using var channel = GrpcChannel.ForAddress(server.Address, FastRetry());
        var key = Guid.NewGuid().ToString("N");

        var response = await channel.UnaryAsync(TestServiceMethods.UnaryCall, new SimpleRequest { ResponseSize = 5 }, Flaky(key, failures: 2, safe: true));

        Assert.Equal(5, response.Payload.Body.Length);
        Assert.Equal(3, await AttemptsAsync(channel, key));
    }

    [Fact]
    public async Task Unavailable_WhenNotSafe_IsNotRetried()
    {
        using var channel = GrpcChannel.ForAddress(server.Address, FastRetry());
        var key = Guid.NewGuid().ToString("N");

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(TestServiceMethods.UnaryCall, new SimpleRequest(), Flaky(key, failures: 1, safe: false)));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal(1, await AttemptsAsync(channel, key));
    }

    [Fact]
    public async Task Unavailable_WhenSafe_StopsAtMaxAttempts()
    {
        using var channel = GrpcChannel.ForAddress(server.Address, FastRetry());
        var key = Guid.NewGuid().ToString("N");

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(TestServiceMethods.UnaryCall, new SimpleRequest(), Flaky(key, failures: 10, safe: true)));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal("flaky attempt 3", error.Status.Detail);
        Assert.Equal(3, await AttemptsAsync(channel, key));
    }

    [Fact]
    public async Task ConnectionRefused_IsUnavailable()
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{ClosedPort()}", FastRetry());

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(TestServiceMethods.EmptyCall, new Empty(), new CallOptions { IsSafeToRetry = true }));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    private static StreamingOutputCallRequest Sleeping() => InteropClientCases.SleepingRequest();

    /// <summary>One message at once (so the server's handler is surely running), then one after ten seconds.</summary>
    private static StreamingOutputCallRequest OneNowThenSleep()
    {
        var request = InteropClientCases.SleepingRequest();
        request.ResponseParameters.Insert(0, new ResponseParameters { Size = 1 });
        return request;
    }

    private static GrpcChannelOptions FastRetry() =>
        new() { Retry = new GrpcRetryPolicy { MaxAttempts = 3, InitialBackoff = TimeSpan.FromMilliseconds(1), MaxBackoff = TimeSpan.FromMilliseconds(5) } };

    private static CallOptions Flaky(string key, int failures, bool safe) => new()
    {
        IsSafeToRetry = safe,
        Headers = new Metadata().Add("x-flaky-key", key).Add("x-flaky-failures", failures.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    };

    private static async Task<int> AttemptsAsync(GrpcChannel channel, string key)
    {
        using var call = channel.StartUnary(TestServiceMethods.EmptyCall, new Empty(), new CallOptions { Headers = new Metadata().Add("x-flaky-query", key) });
        await call;
        return int.Parse(call.GetTrailers().GetValue("x-flaky-attempts")!, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The server answers once it saw the stream cancelled (or says false after 5 s): no sleeping here.</summary>
    private async Task<bool> ServerSawCancellationAsync(string key)
    {
        using var channel = GrpcChannel.ForAddress(server.Address);
        using var call = channel.StartUnary(TestServiceMethods.EmptyCall, new Empty(), new CallOptions { Headers = new Metadata().Add("x-cancel-query", key) });
        await call;
        return call.GetTrailers().GetValue("x-cancelled") == "true";
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
