using System.Collections.Concurrent;
using AccountGrains.Grpc.Tests.Fixtures;
using AccountGrains.Grpc.Tests.Interop;
using Grpc.Testing;

namespace AccountGrains.Grpc.Tests.Server;

public sealed class InterceptorTests
{
    [Fact]
    public async Task Interceptors_RunInRegistrationOrder_AroundTheHandler()
    {
        var log = new ConcurrentQueue<string>();
        await using var host = await GrpcServerHost.StartAsync(
            services => services.AddGrpcService(new DelegateService(b => b.AddUnary(TestServiceImpl.UnaryCall, (_, context) =>
            {
                log.Enqueue($"handler as {context.Items["user"]}");
                return Task.FromResult(new SimpleResponse());
            }))),
            options =>
            {
                options.Interceptors.Add(new Recording("outer", log));
                options.Interceptors.Add(new Recording("inner", log));
            });
        using var client = host.CreateHttpClient();

        var response = await RawGrpc.CallAsync(client, "/grpc.testing.TestService/UnaryCall", RawGrpc.Frame(new SimpleRequest()));

        Assert.Equal(StatusCode.OK, response.Status);
        Assert.Equal(["outer before", "inner before", "handler as inner", "inner after", "outer after"], log);
    }

    [Fact]
    public async Task Interceptor_CanRejectACall_BeforeTheHandlerRuns()
    {
        var handlerRan = false;
        await using var host = await GrpcServerHost.StartAsync(
            services => services.AddGrpcService(new DelegateService(b => b.AddServerStreaming(TestServiceImpl.StreamingOutputCall, (_, _, _) =>
            {
                handlerRan = true;
                return Task.CompletedTask;
            }))),
            options => options.Interceptors.Add(new RequireToken()));
        using var client = host.CreateHttpClient();

        var response = await RawGrpc.CallAsync(client, "/grpc.testing.TestService/StreamingOutputCall", RawGrpc.Frame(new StreamingOutputCallRequest()));

        Assert.Equal(StatusCode.Unauthenticated, response.Status);
        Assert.False(handlerRan);
    }

    private sealed class Recording(string name, ConcurrentQueue<string> log) : Interceptor
    {
        public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        {
            log.Enqueue($"{name} before");
            context.Items["user"] = name;
            var response = await continuation(request, context);
            log.Enqueue($"{name} after");
            return response;
        }
    }

    private sealed class RequireToken : Interceptor
    {
        public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation) =>
            context.RequestHeaders.GetValue("authorization") is null
                ? throw new RpcException(new Status(StatusCode.Unauthenticated, "No token."))
                : continuation(request, responseStream, context);
    }
}
