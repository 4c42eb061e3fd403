using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace AccountGrains.Grpc;

/// <summary>How many messages each side of a method sends.</summary>
public enum MethodType
{
    /// <summary>One request, one response.</summary>
    Unary,

    /// <summary>A stream of requests, one response.</summary>
    ClientStreaming,

    /// <summary>One request, a stream of responses.</summary>
    ServerStreaming,

    /// <summary>Streams both ways.</summary>
    DuplexStreaming,
}

/// <summary>
/// A method of a gRPC service with its protobuf message types; the server registers handlers by it and
/// the client calls by it. Build one from protoc's descriptors with <see cref="FromDescriptor"/>.
/// </summary>
/// <typeparam name="TRequest">The request message.</typeparam>
/// <typeparam name="TResponse">The response message.</typeparam>
public sealed class Method<TRequest, TResponse>
    where TRequest : IMessage<TRequest>, new()
    where TResponse : IMessage<TResponse>, new()
{
    /// <summary>Creates a method descriptor.</summary>
    public Method(MethodType type, string serviceName, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceName);
        ArgumentException.ThrowIfNullOrEmpty(name);
        Type = type;
        ServiceName = serviceName;
        Name = name;
        FullName = $"/{serviceName}/{name}";
    }

    /// <summary>The method's streaming shape.</summary>
    public MethodType Type { get; }

    /// <summary>The fully qualified service name, such as <c>grpc.testing.TestService</c>.</summary>
    public string ServiceName { get; }

    /// <summary>The method name, such as <c>UnaryCall</c>.</summary>
    public string Name { get; }

    /// <summary>The HTTP/2 path: <c>/service/method</c>.</summary>
    public string FullName { get; }

    /// <summary>Parses requests.</summary>
    public MessageParser<TRequest> RequestParser { get; } = new(() => new TRequest());

    /// <summary>Parses responses.</summary>
    public MessageParser<TResponse> ResponseParser { get; } = new(() => new TResponse());

    /// <summary>Builds the method from protoc's descriptor, checking that the message types match it.</summary>
    /// <exception cref="ArgumentException">The descriptor's input or output type is not <typeparamref name="TRequest"/> or <typeparamref name="TResponse"/>.</exception>
    public static Method<TRequest, TResponse> FromDescriptor(MethodDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        if (descriptor.InputType.ClrType != typeof(TRequest) || descriptor.OutputType.ClrType != typeof(TResponse))
        {
            throw new ArgumentException(
                $"{descriptor.FullName} takes {descriptor.InputType.FullName} and returns {descriptor.OutputType.FullName}, not {typeof(TRequest).Name} → {typeof(TResponse).Name}.",
                nameof(descriptor));
        }

        var type = (descriptor.IsClientStreaming, descriptor.IsServerStreaming) switch
        {
            (false, false) => MethodType.Unary,
            (true, false) => MethodType.ClientStreaming,
            (false, true) => MethodType.ServerStreaming,
            _ => MethodType.DuplexStreaming,
        };
        return new Method<TRequest, TResponse>(type, descriptor.Service.FullName, descriptor.Name);
    }

    /// <inheritdoc />
    public override string ToString() => FullName;
}
