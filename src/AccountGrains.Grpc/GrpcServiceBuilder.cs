using AccountGrains.Grpc.Internal;
using Google.Protobuf;

namespace AccountGrains.Grpc;

/// <summary>
/// The typed registration API: each call adds one method (built with <see cref="Method{TRequest, TResponse}.FromDescriptor"/>)
/// and its handler. The server-wide interceptors are wrapped around each handler here, once.
/// </summary>
public sealed class GrpcServiceBuilder
{
    private readonly GrpcServerRuntime _runtime;
    private readonly List<ServerMethodRegistration> _methods = [];

    internal GrpcServiceBuilder(GrpcServerRuntime runtime) => _runtime = runtime;

    internal IReadOnlyList<ServerMethodRegistration> Methods => _methods;

    /// <summary>Adds a unary method.</summary>
    public GrpcServiceBuilder AddUnary<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        Check(method, handler, MethodType.Unary);
        var pipeline = handler;
        foreach (var interceptor in Reversed())
        {
            var next = pipeline;
            pipeline = (request, context) => interceptor.UnaryServerHandler(request, context, next);
        }

        return Add(method, new UnaryCallHandler<TRequest, TResponse>(method, _runtime, pipeline).HandleCallAsync);
    }

    /// <summary>Adds a server-streaming method.</summary>
    public GrpcServiceBuilder AddServerStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        Check(method, handler, MethodType.ServerStreaming);
        var pipeline = handler;
        foreach (var interceptor in Reversed())
        {
            var next = pipeline;
            pipeline = (request, stream, context) => interceptor.ServerStreamingServerHandler(request, stream, context, next);
        }

        return Add(method, new ServerStreamingCallHandler<TRequest, TResponse>(method, _runtime, pipeline).HandleCallAsync);
    }

    /// <summary>Adds a client-streaming method.</summary>
    public GrpcServiceBuilder AddClientStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        Check(method, handler, MethodType.ClientStreaming);
        var pipeline = handler;
        foreach (var interceptor in Reversed())
        {
            var next = pipeline;
            pipeline = (requests, context) => interceptor.ClientStreamingServerHandler(requests, context, next);
        }

        return Add(method, new ClientStreamingCallHandler<TRequest, TResponse>(method, _runtime, pipeline).HandleCallAsync);
    }

    /// <summary>Adds a bidirectional (duplex) streaming method.</summary>
    public GrpcServiceBuilder AddDuplexStreaming<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse> handler)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new()
    {
        Check(method, handler, MethodType.DuplexStreaming);
        var pipeline = handler;
        foreach (var interceptor in Reversed())
        {
            var next = pipeline;
            pipeline = (requests, responses, context) => interceptor.DuplexStreamingServerHandler(requests, responses, context, next);
        }

        return Add(method, new DuplexStreamingCallHandler<TRequest, TResponse>(method, _runtime, pipeline).HandleCallAsync);
    }

    private static void Check<TRequest, TResponse>(Method<TRequest, TResponse> method, Delegate handler, MethodType expected)
        where TRequest : IMessage<TRequest>, new()
        where TResponse : IMessage<TResponse>, new()
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(handler);
        if (method.Type != expected)
        {
            throw new ArgumentException($"{method.FullName} is {method.Type}, not {expected}.", nameof(method));
        }
    }

    private IEnumerable<Interceptor> Reversed() => _runtime.Options.Interceptors.Reverse();

    private GrpcServiceBuilder Add<TRequest, TResponse>(Method<TRequest, TResponse> method, Microsoft.AspNetCore.Http.RequestDelegate handler)
        where TRequest : IMessage<TRequest>, new()
        where TResponse : IMessage<TResponse>, new()
    {
        if (_methods.Exists(m => m.Path == method.FullName))
        {
            throw new InvalidOperationException($"{method.FullName} is registered twice.");
        }

        _methods.Add(new ServerMethodRegistration(method.FullName, method.ServiceName, method.Name, method.Type, handler));
        return this;
    }
}
