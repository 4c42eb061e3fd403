using Google.Protobuf;
using Grpc.Testing;

namespace AccountGrains.Grpc.Tests.Interop;

/// <summary>
/// gRPC's interop <c>grpc.testing.TestService</c>, written from interop-test-descriptions.md: it echoes the status,
/// metadata and compression the request asks for, so any client can be checked against it.
/// </summary>
public sealed class TestServiceImpl : IGrpcService
{
    /// <summary>The metadata key whose value is echoed in the response headers.</summary>
    public const string EchoInitialKey = "x-grpc-test-echo-initial";

    /// <summary>The metadata key whose value is echoed in the trailers.</summary>
    public const string EchoTrailingKey = "x-grpc-test-echo-trailing-bin";

    private const int MaxPayload = 4 * 1024 * 1024;
    private const int MaxIntervalUs = 1_000_000;

    private static readonly Google.Protobuf.Reflection.ServiceDescriptor Service = TestReflection.Descriptor.FindTypeByName<Google.Protobuf.Reflection.ServiceDescriptor>("TestService");

    /// <summary>TestService's EmptyCall.</summary>
    public static readonly Method<Empty, Empty> EmptyCall = Method<Empty, Empty>.FromDescriptor(Service.FindMethodByName("EmptyCall"));

    /// <summary>TestService's UnaryCall.</summary>
    public static readonly Method<SimpleRequest, SimpleResponse> UnaryCall = Method<SimpleRequest, SimpleResponse>.FromDescriptor(Service.FindMethodByName("UnaryCall"));

    /// <summary>TestService's StreamingOutputCall.</summary>
    public static readonly Method<StreamingOutputCallRequest, StreamingOutputCallResponse> StreamingOutputCall =
        Method<StreamingOutputCallRequest, StreamingOutputCallResponse>.FromDescriptor(Service.FindMethodByName("StreamingOutputCall"));

    /// <summary>TestService's StreamingInputCall.</summary>
    public static readonly Method<StreamingInputCallRequest, StreamingInputCallResponse> StreamingInputCall =
        Method<StreamingInputCallRequest, StreamingInputCallResponse>.FromDescriptor(Service.FindMethodByName("StreamingInputCall"));

    /// <summary>TestService's FullDuplexCall.</summary>
    public static readonly Method<StreamingOutputCallRequest, StreamingOutputCallResponse> FullDuplexCall =
        Method<StreamingOutputCallRequest, StreamingOutputCallResponse>.FromDescriptor(Service.FindMethodByName("FullDuplexCall"));

    /// <summary>TestService's HalfDuplexCall.</summary>
    public static readonly Method<StreamingOutputCallRequest, StreamingOutputCallResponse> HalfDuplexCall =
        Method<StreamingOutputCallRequest, StreamingOutputCallResponse>.FromDescriptor(Service.FindMethodByName("HalfDuplexCall"));

    /// <inheritdoc />
    public void Bind(GrpcServiceBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder
            .AddUnary(EmptyCall, (_, _) => Task.FromResult(new Empty()))
            .AddUnary(UnaryCall, UnaryAsync)
            .AddServerStreaming(StreamingOutputCall, StreamingOutputAsync)
            .AddClientStreaming(StreamingInputCall, StreamingInputAsync)
            .AddDuplexStreaming(FullDuplexCall, FullDuplexAsync)
            .AddDuplexStreaming(HalfDuplexCall, HalfDuplexAsync);
    }

    private static async Task<SimpleResponse> UnaryAsync(SimpleRequest request, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        if (request.ExpectCompressed?.Value == true && !RequestIsCompressed(context))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "Expected a compressed request."));
        }

        ThrowIfStatusRequested(request.ResponseStatus);
        context.ResponseCompression = request.ResponseCompressed?.Value == true ? "gzip" : null;
        return new SimpleResponse { Payload = Zeros(request.ResponseSize) };
    }

    private static async Task StreamingOutputAsync(StreamingOutputCallRequest request, IServerStreamWriter<StreamingOutputCallResponse> responses, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        await WriteResponsesAsync(request, responses, context);
        ThrowIfStatusRequested(request.ResponseStatus);
    }

    private static async Task<StreamingInputCallResponse> StreamingInputAsync(IAsyncStreamReader<StreamingInputCallRequest> requests, ServerCallContext context)
    {
        var total = 0;
        while (await requests.MoveNext(context.CancellationToken))
        {
            if (requests.Current.ExpectCompressed?.Value == true && !RequestIsCompressed(context))
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, "Expected a compressed request."));
            }

            total += requests.Current.Payload?.Body.Length ?? 0;
        }

        return new StreamingInputCallResponse { AggregatedPayloadSize = total };
    }

    private static async Task FullDuplexAsync(IAsyncStreamReader<StreamingOutputCallRequest> requests, IServerStreamWriter<StreamingOutputCallResponse> responses, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        while (await requests.MoveNext(context.CancellationToken))
        {
            ThrowIfStatusRequested(requests.Current.ResponseStatus);
            await WriteResponsesAsync(requests.Current, responses, context);
        }
    }

    private static async Task HalfDuplexAsync(IAsyncStreamReader<StreamingOutputCallRequest> requests, IServerStreamWriter<StreamingOutputCallResponse> responses, ServerCallContext context)
    {
        var all = new List<StreamingOutputCallRequest>();
        while (await requests.MoveNext(context.CancellationToken))
        {
            all.Add(requests.Current);
        }

        foreach (var request in all)
        {
            await WriteResponsesAsync(request, responses, context);
        }
    }

    private static async Task WriteResponsesAsync(StreamingOutputCallRequest request, IServerStreamWriter<StreamingOutputCallResponse> responses, ServerCallContext context)
    {
        // The encoding is announced once, with the headers; a message without the flag then goes uncompressed.
        foreach (var parameters in request.ResponseParameters)
        {
            if (parameters.IntervalUs is < 0 or > MaxIntervalUs)
            {
                throw new RpcException(new Status(StatusCode.InvalidArgument, $"Interval {parameters.IntervalUs} us is outside 0..{MaxIntervalUs}."));
            }

            if (parameters.IntervalUs > 0)
            {
                await Task.Delay(TimeSpan.FromMicroseconds(parameters.IntervalUs), context.CancellationToken);
            }

            context.ResponseCompression = parameters.Compressed?.Value == true ? "gzip" : null;

            await responses.WriteAsync(new StreamingOutputCallResponse { Payload = Zeros(parameters.Size) });
        }
    }

    private static async Task EchoMetadataAsync(ServerCallContext context)
    {
        if (context.RequestHeaders.GetValue(EchoInitialKey) is { } initial)
        {
            await context.WriteResponseHeadersAsync(new Metadata { { EchoInitialKey, initial } });
        }

        if (context.RequestHeaders.GetValueBytes(EchoTrailingKey) is { } trailing)
        {
            context.ResponseTrailers.Add(EchoTrailingKey, trailing);
        }
    }

    private static void ThrowIfStatusRequested(EchoStatus? status)
    {
        if (status is { Code: not 0 })
        {
            throw new RpcException(new Status((StatusCode)status.Code, status.Message));
        }
    }

    private static bool RequestIsCompressed(ServerCallContext context) =>
        context.GetHttpContext().Request.Headers.GrpcEncoding.ToString() is { Length: > 0 } encoding && encoding != GrpcProtocol.IdentityEncoding;

    // Bounds keep a fuzzed request from asking for gigabytes or hour-long pauses (the interop cases stay far below).
    private static Payload Zeros(int size) => size is >= 0 and <= MaxPayload
        ? new() { Type = PayloadType.Compressable, Body = ByteString.CopyFrom(new byte[size]) }
        : throw new RpcException(new Status(StatusCode.InvalidArgument, $"Payload size {size} is outside 0..{MaxPayload}."));
}
