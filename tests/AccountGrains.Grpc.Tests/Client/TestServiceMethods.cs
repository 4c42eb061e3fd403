using Grpc.Testing;

namespace AccountGrains.Grpc.Tests.Client;

/// <summary>grpc.testing's methods, from protoc's descriptors, plus the names no server implements.</summary>
public static class TestServiceMethods
{
    private static readonly Google.Protobuf.Reflection.ServiceDescriptor Service = TestReflection.Descriptor.Services[0];

    public static readonly Method<Empty, Empty> EmptyCall = Method<Empty, Empty>.FromDescriptor(Service.FindMethodByName("EmptyCall"));

    public static readonly Method<SimpleRequest, SimpleResponse> UnaryCall =
        Method<SimpleRequest, SimpleResponse>.FromDescriptor(Service.FindMethodByName("UnaryCall"));

    public static readonly Method<StreamingOutputCallRequest, StreamingOutputCallResponse> StreamingOutputCall =
        Method<StreamingOutputCallRequest, StreamingOutputCallResponse>.FromDescriptor(Service.FindMethodByName("StreamingOutputCall"));

    /// <summary>interop-test-descriptions.md names it UnimplementedCall on TestService.</summary>
    public static readonly Method<Empty, Empty> UnimplementedMethod = new(MethodType.Unary, "grpc.testing.TestService", "UnimplementedCall");

    public static readonly Method<Empty, Empty> UnimplementedService = new(MethodType.Unary, "grpc.testing.UnimplementedService", "UnimplementedCall");
}
