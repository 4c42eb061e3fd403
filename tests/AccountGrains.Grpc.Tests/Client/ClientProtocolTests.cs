using System.Net;
using AccountGrains.Grpc.Client;
using AccountGrains.Testing;
using Google.Protobuf;
using Grpc.Testing;

namespace AccountGrains.Grpc.Tests.Client;

/// <summary>What the client puts on the wire and how it reads answers, against a stub handler (PROTOCOL-HTTP2.md).</summary>
public sealed class ClientProtocolTests
{
    private static readonly SimpleResponse Response = new() { Payload = InteropClientCases.Zeros(3) };

    [Fact]
    public async Task Request_CarriesGrpcHeadersTimeoutAndMetadata()
    {
        var handler = new StubHttpHandler(_ => StubHttpHandler.Grpc(StubHttpHandler.Frame(Response)));
        var clock = new ManualTimeProvider();
        using var channel = Channel(handler, o => o.TimeProvider = clock);
        var headers = new Metadata().Add("x-text", "plain value").Add("x-data-bin", [1, 2, 3, 4]);

        await channel.UnaryAsync(TestServiceMethods.UnaryCall, new SimpleRequest(), new CallOptions { Timeout = TimeSpan.FromSeconds(2), Headers = headers });

        var (request, _) = Assert.Single(handler.Sent);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("/grpc.testing.TestService/UnaryCall", request.RequestUri!.AbsolutePath);
        Assert.Equal(HttpVersion.Version20, request.Version);
        Assert.Equal(HttpVersionPolicy.RequestVersionExact, request.VersionPolicy);
        Assert.Equal("application/grpc", request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal("trailers", Assert.Single(request.Headers.TE).Value);
        Assert.Equal("2000000u", Header(request, "grpc-timeout"));
        Assert.Equal(["identity", "gzip", "deflate"], Header(request, "grpc-accept-encoding")!.Split(','));
        Assert.Null(Header(request, "grpc-encoding"));
        Assert.Equal("plain value", Header(request, "x-text"));
        Assert.Equal("AQIDBA", Header(request, "x-data-bin"));
    }

    [Fact]
    public async Task Request_WithWriteCompression_IsCompressedAndNamed()
    {
        var handler = new StubHttpHandler(_ => StubHttpHandler.Grpc(StubHttpHandler.Frame(Response)));
        using var channel = Channel(handler);
        var request = InteropClientCases.LargeRequest();

        await channel.UnaryAsync(TestServiceMethods.UnaryCall, request, new CallOptions { WriteCompression = "gzip" });

        var (sent, body) = Assert.Single(handler.Sent);
        Assert.Equal("gzip", Header(sent, "grpc-encoding"));
        Assert.Equal(1, body[0]);
        Assert.True(MessageCompression.TryDecompress(new GzipCompressionProvider(), body.AsMemory(5), int.MaxValue, out var message));
        Assert.Equal(request, SimpleRequest.Parser.ParseFrom(message));
    }

    [Theory]
    [InlineData(400, StatusCode.Internal)]
    [InlineData(401, StatusCode.Unauthenticated)]
    [InlineData(403, StatusCode.PermissionDenied)]
    [InlineData(404, StatusCode.Unimplemented)]
    [InlineData(429, StatusCode.Unavailable)]
    [InlineData(502, StatusCode.Unavailable)]
    [InlineData(503, StatusCode.Unavailable)]
    [InlineData(504, StatusCode.Unavailable)]
    [InlineData(500, StatusCode.Unknown)]
    public async Task Response_WithNon200Status_MapsAsHttpGrpcStatusMapping(int httpStatus, StatusCode expected)
    {
        var handler = new StubHttpHandler(_ => new HttpResponseMessage((HttpStatusCode)httpStatus) { Content = new StringContent("proxy page") });
        using var channel = Channel(handler);

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(TestServiceMethods.UnaryCall, new SimpleRequest()));

        Assert.Equal(expected, error.StatusCode);
    }

    [Fact]
    public async Task Response_WithoutGrpcStatus_IsInternal()
    {
        var handler = new StubHttpHandler(_ => StubHttpHandler.Grpc(StubHttpHandler.Frame(Response), status: null));
        using var channel = Channel(handler);

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(TestServiceMethods.UnaryCall, new SimpleRequest()));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }

    [Fact]
    public async Task Response_TrailersOnly_GivesPercentDecodedStatusAndHeaders()
    {
        var handler = new StubHttpHandler(_ => StubHttpHandler.TrailersOnly(StatusCode.NotFound, "no%20such%20account%20%E2%98%BA"));
        using var channel = Channel(handler);
        using var call = channel.StartUnary(TestServiceMethods.UnaryCall, new SimpleRequest());

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal(new Status(StatusCode.NotFound, "no such account ☺"), error.Status);
        Assert.Equal(error.Status, call.GetStatus());
    }

    [Fact]
    public async Task Response_CompressedFlagWithoutEncoding_IsInternal()
    {
        var compressed = MessageCompression.Compress(new GzipCompressionProvider(), Response.ToByteArray());
        var handler = new StubHttpHandler(_ => StubHttpHandler.Grpc(StubHttpHandler.Frame(compressed, compressedFlag: true)));
        using var channel = Channel(handler);

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(TestServiceMethods.UnaryCall, new SimpleRequest()));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }

    [Fact]
    public async Task Response_CompressedWithUnknownEncoding_IsUnimplemented()
    {
        var handler = new StubHttpHandler(_ => StubHttpHandler.Grpc(
            StubHttpHandler.Frame([1, 2, 3], compressedFlag: true), r => r.Headers.TryAddWithoutValidation("grpc-encoding", "snappy")));
        using var channel = Channel(handler);

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(TestServiceMethods.UnaryCall, new SimpleRequest()));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    [Fact]
    public async Task Response_WithOtherContentType_IsInternal()
    {
        var handler = new StubHttpHandler(_ => StubHttpHandler.Grpc(
            StubHttpHandler.Frame(Response), r => r.Content.Headers.ContentType = new("text/html")));
        using var channel = Channel(handler);

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(TestServiceMethods.UnaryCall, new SimpleRequest()));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }

    [Fact]
    public async Task UnaryResponse_OkWithoutMessage_IsInternal()
    {
        var handler = new StubHttpHandler(_ => StubHttpHandler.Grpc([]));
        using var channel = Channel(handler);

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(TestServiceMethods.UnaryCall, new SimpleRequest()));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }

    [Fact]
    public async Task Response_LargerThanMaxReceive_IsResourceExhausted()
    {
        var big = new SimpleResponse { Payload = InteropClientCases.Zeros(2000) };
        var handler = new StubHttpHandler(_ => StubHttpHandler.Grpc(StubHttpHandler.Frame(big)));
        using var channel = Channel(handler, o => o.MaxReceiveMessageSize = 1000);

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(TestServiceMethods.UnaryCall, new SimpleRequest()));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task Deadline_AlreadyPassed_FailsWithoutSending()
    {
        var handler = new StubHttpHandler(_ => StubHttpHandler.Grpc(StubHttpHandler.Frame(Response)));
        var clock = new ManualTimeProvider();
        using var channel = Channel(handler, o => o.TimeProvider = clock);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            channel.UnaryAsync(TestServiceMethods.UnaryCall, new SimpleRequest(), new CallOptions { Deadline = clock.GetUtcNow().AddSeconds(-1) }));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Empty(handler.Sent);
    }

    [Fact]
    public async Task Request_LargerThanMaxSend_FailsWithoutSending()
    {
        var handler = new StubHttpHandler(_ => StubHttpHandler.Grpc(StubHttpHandler.Frame(Response)));
        using var channel = Channel(handler, o => o.MaxSendMessageSize = 100);

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(TestServiceMethods.UnaryCall, InteropClientCases.LargeRequest()));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Empty(handler.Sent);
    }

    [Theory]
    [InlineData("grpc-timeout")]
    [InlineData("content-type")]
    [InlineData("te")]
    public void Headers_WithReservedKey_AreRefused(string key)
    {
        using var channel = Channel(new StubHttpHandler(_ => throw new InvalidOperationException("not sent")));
        var options = new CallOptions { Headers = new Metadata().Add(key, "x") };

        Assert.Throws<ArgumentException>(() => channel.StartUnary(TestServiceMethods.UnaryCall, new SimpleRequest(), options));
    }

    [Fact]
    public void WriteCompression_Unknown_IsRefused()
    {
        using var channel = Channel(new StubHttpHandler(_ => throw new InvalidOperationException("not sent")));

        Assert.Throws<ArgumentException>(() => channel.StartUnary(TestServiceMethods.UnaryCall, new SimpleRequest(), new CallOptions { WriteCompression = "br" }));
    }

    [Fact]
    public async Task Status_BeforeTheCallEnds_IsNotAvailable_AndDisposingCancels()
    {
        using var channel = Channel(new StubHttpHandler((_, token) => Task.Delay(Timeout.Infinite, token).ContinueWith(_ => StubHttpHandler.Grpc([]), TaskScheduler.Default)));
        var call = channel.StartServerStreaming(TestServiceMethods.StreamingOutputCall, new StreamingOutputCallRequest());

        Assert.Throws<InvalidOperationException>(() => call.GetStatus());
        Assert.Throws<InvalidOperationException>(() => call.GetTrailers());
        call.Dispose();

        var error = await Assert.ThrowsAsync<RpcException>(() => InteropClientCases.DrainAsync(call));
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.Equal(StatusCode.Cancelled, call.GetStatus().StatusCode);
    }

    internal static GrpcChannel Channel(StubHttpHandler handler, Action<GrpcChannelOptions>? configure = null)
    {
        var options = new GrpcChannelOptions { HttpHandler = handler, DisposeHttpHandler = true };
        configure?.Invoke(options);
        return GrpcChannel.ForAddress("http://127.0.0.1:1", options);
    }

    private static string? Header(HttpRequestMessage request, string key) =>
        request.Headers.NonValidated.TryGetValues(key, out var values) ? values.ToString() : null;
}
