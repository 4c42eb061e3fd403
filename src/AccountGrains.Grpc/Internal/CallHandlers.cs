using Google.Protobuf;

namespace AccountGrains.Grpc.Internal;

/// <summary>One request, one response: the hot path (no lock, no token source unless a deadline is set).</summary>
internal sealed class UnaryCallHandler<TRequest, TResponse>(Method<TRequest, TResponse> method, GrpcServerRuntime runtime, UnaryServerMethod<TRequest, TResponse> invoker)
    : ServerCallHandler<TRequest, TResponse>(method, runtime)
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    // A short call is let finish on shutdown: Kestrel waits for it before closing the connection.
    protected override bool EndsOnShutdown => false;

    protected override async Task InvokeAsync(HttpServerCallContext context)
    {
        var request = await MessageReader.ReadSingleAsync(context, Method.RequestParser).ConfigureAwait(false);
        var response = await invoker(request, context).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The handler returned no response message.");
        await context.WriteSingleResponseAsync(response).ConfigureAwait(false);
    }
}

/// <summary>One request, a stream of responses.</summary>
internal sealed class ServerStreamingCallHandler<TRequest, TResponse>(Method<TRequest, TResponse> method, GrpcServerRuntime runtime, ServerStreamingServerMethod<TRequest, TResponse> invoker)
    : ServerCallHandler<TRequest, TResponse>(method, runtime)
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    protected override async Task InvokeAsync(HttpServerCallContext context)
    {
        var request = await MessageReader.ReadSingleAsync(context, Method.RequestParser).ConfigureAwait(false);
        await invoker(request, new HttpResponseStreamWriter<TResponse>(context), context).ConfigureAwait(false);
    }
}

/// <summary>A stream of requests, one response.</summary>
internal sealed class ClientStreamingCallHandler<TRequest, TResponse>(Method<TRequest, TResponse> method, GrpcServerRuntime runtime, ClientStreamingServerMethod<TRequest, TResponse> invoker)
    : ServerCallHandler<TRequest, TResponse>(method, runtime)
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    protected override bool StreamsRequests => true;

    protected override async Task InvokeAsync(HttpServerCallContext context)
    {
        var response = await invoker(new HttpRequestStreamReader<TRequest>(context, Method.RequestParser), context).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The handler returned no response message.");
        await context.WriteSingleResponseAsync(response).ConfigureAwait(false);
    }
}

/// <summary>Streams both ways.</summary>
internal sealed class DuplexStreamingCallHandler<TRequest, TResponse>(Method<TRequest, TResponse> method, GrpcServerRuntime runtime, DuplexStreamingServerMethod<TRequest, TResponse> invoker)
    : ServerCallHandler<TRequest, TResponse>(method, runtime)
    where TRequest : class, IMessage<TRequest>, new()
    where TResponse : class, IMessage<TResponse>, new()
{
    protected override bool StreamsRequests => true;

    protected override Task InvokeAsync(HttpServerCallContext context) =>
        invoker(new HttpRequestStreamReader<TRequest>(context, Method.RequestParser), new HttpResponseStreamWriter<TResponse>(context), context);
}
