using AccountGrains.Grpc.Tests.Fixtures;
using AccountGrains.Grpc.Tests.Interop;
using Grpc.Testing;

namespace AccountGrains.Grpc.Tests.Server;

public sealed class MetadataTests
{
    private const string Path = "/grpc.testing.TestService/UnaryCall";

    [Fact]
    public async Task Metadata_TextAndBinary_FlowInAndOut()
    {
        byte[] binary = [0, 1, 2, 250, 251];
        Metadata? seen = null;
        await using var host = await GrpcServerHost.StartAsync(services => services.AddGrpcService(new DelegateService(b => b.AddUnary(TestServiceImpl.UnaryCall, async (_, context) =>
        {
            seen = context.RequestHeaders;
            await context.WriteResponseHeadersAsync(new Metadata { { "x-echo", context.RequestHeaders.GetValue("x-user")! } });
            context.ResponseTrailers.Add("x-trail-bin", context.RequestHeaders.GetValueBytes("x-data-bin")!);
            context.ResponseTrailers.Add("grpc-status", "7"); // reserved: must not override the real status
            return new SimpleResponse();
        }))));
        using var client = host.CreateHttpClient();

        var response = await RawGrpc.CallAsync(client, Path, RawGrpc.Frame(new SimpleRequest()), r =>
        {
            r.Headers.Add("x-user", "alice");
            r.Headers.Add("x-data-bin", Convert.ToBase64String(binary).TrimEnd('='));
        });

        Assert.Equal(StatusCode.OK, response.Status);
        Assert.Equal("alice", response.Headers.GetValues("x-echo").Single());
        var trailer = response.Trailers.GetValues("x-trail-bin").Single();
        Assert.Equal(binary, Convert.FromBase64String(trailer.PadRight(trailer.Length + ((4 - (trailer.Length % 4)) % 4), '=')));
        Assert.NotNull(seen);
        Assert.Null(seen.Get("grpc-timeout"));
        Assert.Null(seen.Get("content-type"));
    }

    [Fact]
    public async Task RichStatus_DetailsTrailer_IsSentWithTheError()
    {
        byte[] details = [8, 5, 18, 3, 0x61, 0x62, 0x63]; // a serialized google.rpc.Status
        await using var host = await GrpcServerHost.StartAsync(services => services.AddGrpcService(new DelegateService(b => b.AddUnary(
            TestServiceImpl.UnaryCall,
            (_, _) => throw new RpcException(new Status(StatusCode.NotFound, "abc"), new Metadata { { GrpcProtocol.StatusDetailsHeader, details } })))));
        using var client = host.CreateHttpClient();

        var response = await RawGrpc.CallAsync(client, Path, RawGrpc.Frame(new SimpleRequest()));

        Assert.Equal(StatusCode.NotFound, response.Status);
        var value = response.Value(GrpcProtocol.StatusDetailsHeader)!;
        Assert.Equal(details, Convert.FromBase64String(value.PadRight(value.Length + ((4 - (value.Length % 4)) % 4), '=')));
    }
}
