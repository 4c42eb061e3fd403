using System.Net;
using AccountGrains.Grpc.Tests.Fixtures;
using AccountGrains.Grpc.Tests.Interop;
using Google.Protobuf;
using Grpc.Testing;

namespace AccountGrains.Grpc.Tests.BadInput;

/// <summary>Malformed requests over raw HTTP/2 each get their status, and the server answers the next call normally.</summary>
public sealed class BadInputTests(InteropServerFixture server) : IClassFixture<InteropServerFixture>, IDisposable
{
    private const string Unary = "/grpc.testing.TestService/UnaryCall";
    private readonly HttpClient _client = server.Host.CreateHttpClient();

    public static byte[] ValidRequest => new SimpleRequest { ResponseSize = 3 }.ToByteArray();

    [Fact]
    public async Task TruncatedPrefix_IsInternal()
    {
        var response = await RawGrpc.CallAsync(_client, Unary, [0, 0, 0]);

        Assert.Equal(StatusCode.Internal, response.Status);
        await AssertServesNormalCallAsync();
    }

    [Fact]
    public async Task LengthPrefixLargerThanBody_IsInternal()
    {
        var response = await RawGrpc.CallAsync(_client, Unary, RawGrpc.Frame(ValidRequest, announcedLength: ValidRequest.Length + 100));

        Assert.Equal(StatusCode.Internal, response.Status);
        Assert.Equal("Incomplete message.", response.Message);
        await AssertServesNormalCallAsync();
    }

    [Fact]
    public async Task TwoMessagesOnUnaryCall_IsInternal()
    {
        var response = await RawGrpc.CallAsync(_client, Unary, [.. RawGrpc.Frame(ValidRequest), .. RawGrpc.Frame(ValidRequest)]);

        Assert.Equal(StatusCode.Internal, response.Status);
        Assert.Equal("Additional data after the message received.", response.Message);
        await AssertServesNormalCallAsync();
    }

    [Fact]
    public async Task GarbageProtobuf_IsInternal()
    {
        // Field 1 with wire type 7, which does not exist.
        var response = await RawGrpc.CallAsync(_client, Unary, RawGrpc.Frame([0x0F, 0xFF, 0xFF, 0x01]));

        Assert.Equal(StatusCode.Internal, response.Status);
        Assert.True(response.IsTrailersOnly);
        await AssertServesNormalCallAsync();
    }

    [Fact]
    public async Task OversizeMessage_IsResourceExhausted()
    {
        var payload = new SimpleRequest { Payload = new Payload { Body = ByteString.CopyFrom(new byte[(4 * 1024 * 1024) + 1]) } }.ToByteArray();

        var response = await RawGrpc.CallAsync(_client, Unary, RawGrpc.Frame(payload));

        Assert.Equal(StatusCode.ResourceExhausted, response.Status);
        await AssertServesNormalCallAsync();
    }

    [Fact]
    public async Task OversizePrefixWithoutBody_IsResourceExhausted()
    {
        var response = await RawGrpc.CallAsync(_client, Unary, RawGrpc.Frame([], announcedLength: int.MaxValue));

        Assert.Equal(StatusCode.ResourceExhausted, response.Status);
        await AssertServesNormalCallAsync();
    }

    [Fact]
    public async Task CompressedFlagWithoutEncoding_IsInternal()
    {
        var response = await RawGrpc.CallAsync(_client, Unary, RawGrpc.Frame(ValidRequest, compressed: true));

        Assert.Equal(StatusCode.Internal, response.Status);
        await AssertServesNormalCallAsync();
    }

    [Fact]
    public async Task CorruptGzipMessage_IsInternal()
    {
        var response = await RawGrpc.CallAsync(_client, Unary, RawGrpc.Frame([1, 2, 3, 4], compressed: true), r => r.Headers.Add("grpc-encoding", "gzip"));

        Assert.Equal(StatusCode.Internal, response.Status);
        await AssertServesNormalCallAsync();
    }

    [Fact]
    public async Task UnknownEncoding_IsUnimplementedWithAcceptedList()
    {
        var response = await RawGrpc.CallAsync(_client, Unary, RawGrpc.Frame(ValidRequest), r => r.Headers.Add("grpc-encoding", "br"));

        Assert.Equal(StatusCode.Unimplemented, response.Status);
        Assert.Equal("identity,gzip,deflate", response.Value("grpc-accept-encoding"));
        await AssertServesNormalCallAsync();
    }

    [Theory]
    [InlineData("/grpc.testing.TestService/NoSuchMethod", "Method is unimplemented.")]
    [InlineData("/no.such.Service/Call", "Service is unimplemented.")]
    public async Task UnknownMethodOrService_IsUnimplementedTrailersOnly(string path, string message)
    {
        var response = await RawGrpc.CallAsync(_client, path, RawGrpc.Frame(ValidRequest));

        Assert.Equal(StatusCode.Unimplemented, response.Status);
        Assert.Equal(message, response.Message);
        Assert.True(response.IsTrailersOnly);
        await AssertServesNormalCallAsync();
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/grpc+json")]
    [InlineData("text/plain")]
    [InlineData(null)]
    public async Task WrongContentType_Is415(string? contentType)
    {
        var response = await RawGrpc.CallAsync(_client, Unary, RawGrpc.Frame(ValidRequest), contentType: contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.HttpStatus);
        Assert.Equal(StatusCode.Internal, response.Status);
        await AssertServesNormalCallAsync();
    }

    [Fact]
    public async Task Http11Request_Is426WithUpgrade()
    {
        using var http1 = new HttpClient { BaseAddress = server.Host.Http1Address };
        using var request = RawGrpc.Request(Unary, new ByteArrayContent(RawGrpc.Frame(ValidRequest)), configure: r =>
        {
            r.Version = HttpVersion.Version11;
            r.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
        });

        var response = await RawGrpc.SendAsync(http1, request);

        Assert.Equal(HttpStatusCode.UpgradeRequired, response.HttpStatus);
        Assert.Contains("HTTP/2", response.Headers.Upgrade.Select(u => u.ToString()));
        await AssertServesNormalCallAsync();
    }

    [Fact]
    public async Task Http11OnHttp2OnlyEndpoint_GetsNoGrpcAnswerAndServerKeepsServing()
    {
        using var http1 = new HttpClient { BaseAddress = server.Address };
        using var request = RawGrpc.Request(Unary, new ByteArrayContent(RawGrpc.Frame(ValidRequest)), configure: r => r.Version = HttpVersion.Version11);
        request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;

        // Kestrel refuses HTTP/1.x on an HTTP/2-only endpoint before any application code runs.
        var answer = await Record.ExceptionAsync(async () =>
        {
            using var response = await http1.SendAsync(request);
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains(GrpcProtocol.StatusHeader));
        });

        Assert.True(answer is null or HttpRequestException, answer?.ToString());
        await AssertServesNormalCallAsync();
    }

    [Theory]
    [InlineData("1n")]
    [InlineData("0S")]
    public async Task ExpiredDeadline_IsDeadlineExceeded(string timeout)
    {
        var response = await RawGrpc.CallAsync(_client, Unary, RawGrpc.Frame(ValidRequest), r => r.Headers.Add("grpc-timeout", timeout));

        Assert.Equal(StatusCode.DeadlineExceeded, response.Status);
        await AssertServesNormalCallAsync();
    }

    [Fact]
    public async Task UnparsableTimeout_IsIgnored()
    {
        var response = await RawGrpc.CallAsync(_client, Unary, RawGrpc.Frame(ValidRequest), r => r.Headers.Add("grpc-timeout", "soon"));

        Assert.Equal(StatusCode.OK, response.Status);
    }

    public void Dispose() => _client.Dispose();

    private async Task AssertServesNormalCallAsync()
    {
        var response = await RawGrpc.CallAsync(_client, Unary, RawGrpc.Frame(ValidRequest));

        Assert.Equal(StatusCode.OK, response.Status);
        Assert.False(response.IsTrailersOnly);
        Assert.Equal(3, Assert.Single(response.Messages(SimpleResponse.Parser)).Payload.Body.Length);
    }
}
