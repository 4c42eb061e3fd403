using AccountGrains.Client.Internal;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace AccountGrains.Client.Tests;

/// <summary>A connection the server closed gracefully (a stopping silo) is UNAVAILABLE, the code callers retry; other INTERNALs stay.</summary>
public sealed class ConnectionCloseTests
{
    private static readonly Method<string, string> Method = new(MethodType.Unary, "test.Service", "Call", Marshallers.StringMarshaller, Marshallers.StringMarshaller);

    [Fact]
    public async Task InternalFromAConnectionClosedWithNoError_IsUnavailable()
    {
        var closed = new HttpRequestException("The HTTP/2 server closed the connection.", new HttpProtocolException(0, "NO_ERROR", null));

        var error = await Assert.ThrowsAsync<RpcException>(() => CallFailingWith(new Status(StatusCode.Internal, "Error starting gRPC call.", closed)));

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Same(closed, error.Status.DebugException);
    }

    [Fact]
    public async Task InternalFromAProtocolError_StaysInternal()
    {
        var broken = new HttpRequestException("protocol error", new HttpProtocolException(1, "PROTOCOL_ERROR", null));

        var error = await Assert.ThrowsAsync<RpcException>(() => CallFailingWith(new Status(StatusCode.Internal, "bad", broken)));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
    }

    [Fact]
    public async Task OtherStatuses_AreLeftAsTheyAre()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => CallFailingWith(new Status(StatusCode.PermissionDenied, "no")));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    private static Task<string> CallFailingWith(Status status)
    {
        var interceptor = new CallerInterceptor(headers: null, defaultTimeout: null);
        var call = interceptor.AsyncUnaryCall(
            "request",
            new ClientInterceptorContext<string, string>(Method, null, default),
            (_, _) => new AsyncUnaryCall<string>(
                Task.FromException<string>(new RpcException(status)),
                Task.FromResult(new Metadata()),
                () => status,
                () => [],
                () => { }));
        return call.ResponseAsync;
    }
}
