using AccountGrains.Grpc;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace AccountGrains.Gateway;

/// <summary>Builds a typed method from protoc's descriptor of a .proto file's (only) service.</summary>
internal static class GatewayMethods
{
    public static Method<TRequest, TResponse> Of<TRequest, TResponse>(FileDescriptor file, string name)
        where TRequest : class, IMessage<TRequest>, new()
        where TResponse : class, IMessage<TResponse>, new() =>
        Method<TRequest, TResponse>.FromDescriptor(file.Services[0].FindMethodByName(name));
}
