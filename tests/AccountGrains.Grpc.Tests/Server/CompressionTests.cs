using AccountGrains.Grpc.Tests.Fixtures;
using AccountGrains.Grpc.Tests.Interop;
using Google.Protobuf;
using Grpc.Testing;

namespace AccountGrains.Grpc.Tests.Server;

public sealed class CompressionTests
{
    private const string Path = "/grpc.testing.TestService/UnaryCall";

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    public async Task Request_CompressedWithEncoding_IsDecompressed(string encoding)
    {
        await using var host = await StartAsync(null);
        using var client = host.CreateHttpClient();
        var provider = MessageCompression.DefaultProviders.Single(p => p.EncodingName == encoding);
        var compressed = MessageCompression.Compress(provider, new SimpleRequest { ResponseSize = 7 }.ToByteArray());

        var response = await RawGrpc.CallAsync(client, Path, RawGrpc.Frame(compressed, compressed: true), r => r.Headers.Add("grpc-encoding", encoding));

        Assert.Equal(StatusCode.OK, response.Status);
        Assert.Equal(7, Assert.Single(response.Messages(SimpleResponse.Parser)).Payload.Body.Length);
    }

    [Fact]
    public async Task Response_WhenConfiguredAndAccepted_IsGzipCompressed()
    {
        await using var host = await StartAsync("gzip");
        using var client = host.CreateHttpClient();

        var response = await RawGrpc.CallAsync(client, Path, RawGrpc.Frame(new SimpleRequest { ResponseSize = 1000 }), r => r.Headers.Add("grpc-accept-encoding", "identity,gzip"));

        Assert.Equal(StatusCode.OK, response.Status);
        Assert.Equal("gzip", response.Headers.GetValues("grpc-encoding").Single());
        Assert.Equal(1, response.Body[0]);
        Assert.True(MessageCompression.TryDecompress(new GzipCompressionProvider(), response.Body.AsMemory(5), 1 << 20, out var message));
        Assert.Equal(1000, SimpleResponse.Parser.ParseFrom(message).Payload.Body.Length);
    }

    [Fact]
    public async Task Response_WhenCallerDoesNotAcceptEncoding_IsUncompressed()
    {
        await using var host = await StartAsync("gzip");
        using var client = host.CreateHttpClient();

        var response = await RawGrpc.CallAsync(client, Path, RawGrpc.Frame(new SimpleRequest { ResponseSize = 10 }), r => r.Headers.Add("grpc-accept-encoding", "identity"));

        Assert.False(response.Headers.Contains("grpc-encoding"));
        Assert.Equal(10, Assert.Single(response.Messages(SimpleResponse.Parser)).Payload.Body.Length);
    }

    private static Task<GrpcServerHost> StartAsync(string? responseCompression) =>
        GrpcServerHost.StartAsync(
            services => services.AddGrpcService(new DelegateService(b => b.AddUnary(
                TestServiceImpl.UnaryCall,
                (request, _) => Task.FromResult(new SimpleResponse { Payload = new Payload { Body = ByteString.CopyFrom(new byte[request.ResponseSize]) } })))),
            options => options.ResponseCompressionAlgorithm = responseCompression);
}
