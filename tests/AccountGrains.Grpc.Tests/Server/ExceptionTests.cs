using AccountGrains.Grpc.Tests.Fixtures;
using AccountGrains.Grpc.Tests.Interop;
using Grpc.Testing;

namespace AccountGrains.Grpc.Tests.Server;

public sealed class ExceptionTests
{
    private const string Path = "/grpc.testing.TestService/UnaryCall";

    [Fact]
    public async Task UnexpectedException_ByDefault_IsUnknownWithoutItsText()
    {
        await using var host = await StartAsync(detailedErrors: false);
        using var client = host.CreateHttpClient();

        var response = await RawGrpc.CallAsync(client, Path, RawGrpc.Frame(new SimpleRequest()));

        Assert.Equal(StatusCode.Unknown, response.Status);
        Assert.Equal("Exception was thrown by handler.", response.Message);
    }

    [Fact]
    public async Task UnexpectedException_WithDetailedErrors_IsUnknownWithItsText()
    {
        await using var host = await StartAsync(detailedErrors: true);
        using var client = host.CreateHttpClient();

        var response = await RawGrpc.CallAsync(client, Path, RawGrpc.Frame(new SimpleRequest()));

        Assert.Equal(StatusCode.Unknown, response.Status);
        Assert.Contains("secret connection string", response.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RpcException_AfterMessagesSent_GoesInTrailers()
    {
        await using var host = await GrpcServerHost.StartAsync(services => services.AddGrpcService(new DelegateService(b =>
            b.AddServerStreaming(TestServiceImpl.StreamingOutputCall, async (_, stream, _) =>
            {
                await stream.WriteAsync(new StreamingOutputCallResponse());
                throw new RpcException(new Status(StatusCode.FailedPrecondition, "100% wrong ☺"));
            }))));
        using var client = host.CreateHttpClient();

        var response = await RawGrpc.CallAsync(client, "/grpc.testing.TestService/StreamingOutputCall", RawGrpc.Frame(new StreamingOutputCallRequest()));

        Assert.False(response.IsTrailersOnly);
        Assert.Single(response.Messages(StreamingOutputCallResponse.Parser));
        Assert.Equal(StatusCode.FailedPrecondition, response.Status);
        Assert.Equal("100%25 wrong %E2%98%BA", response.Trailers.GetValues("grpc-message").Single());
        Assert.Equal("100% wrong ☺", response.Message);
    }

    private static Task<GrpcServerHost> StartAsync(bool detailedErrors) =>
        GrpcServerHost.StartAsync(
            services => services.AddGrpcService(new DelegateService(b => b.AddUnary(
                TestServiceImpl.UnaryCall,
                (_, _) => throw new InvalidOperationException("secret connection string")))),
            options => options.EnableDetailedErrors = detailedErrors);
}
