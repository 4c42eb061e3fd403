using AccountGrains.Grpc.Client;
using Google.Protobuf;
using Grpc.Testing;

namespace AccountGrains.Grpc.Tests.Client;

/// <summary>
/// The client side of gRPC's interop cases (interop-test-descriptions.md), run through OUR client against any
/// server that implements grpc.testing.TestService. Each case asserts what the descriptions ask the client to assert.
/// Our client has no client-streaming or duplex calls, so the steps the descriptions run on FullDuplexCall or
/// StreamingInputCall run on StreamingOutputCall (same server features: echo metadata, echo status, sleeping).
/// </summary>
public sealed class InteropClientCases : IDisposable
{
    public static readonly IReadOnlyList<string> Names =
    [
        "empty_unary", "large_unary", "client_compressed_unary", "server_compressed_unary", "server_streaming",
        "server_compressed_streaming", "custom_metadata", "status_code_and_message", "special_status_message",
        "unimplemented_method", "unimplemented_service", "cancel_after_begin", "timeout_on_sleeping_server",
    ];

    private const string EchoInitialKey = "x-grpc-test-echo-initial";
    private const string EchoInitialValue = "test_initial_metadata_value";
    private const string EchoTrailingKey = "x-grpc-test-echo-trailing-bin";
    private static readonly byte[] EchoTrailingValue = [0xab, 0xab, 0xab];

    private readonly GrpcChannel _channel;

    public InteropClientCases(Uri address, GrpcChannelOptions? options = null) => _channel = GrpcChannel.ForAddress(address, options);

    public Task RunAsync(string name) => name switch
    {
        "empty_unary" => EmptyUnaryAsync(),
        "large_unary" => LargeUnaryAsync(),
        "client_compressed_unary" => ClientCompressedUnaryAsync(),
        "server_compressed_unary" => ServerCompressedUnaryAsync(),
        "server_streaming" => ServerStreamingAsync(),
        "server_compressed_streaming" => ServerCompressedStreamingAsync(),
        "custom_metadata" => CustomMetadataAsync(),
        "status_code_and_message" => StatusCodeAndMessageAsync(),
        "special_status_message" => SpecialStatusMessageAsync(),
        "unimplemented_method" => UnimplementedMethodAsync(),
        "unimplemented_service" => UnimplementedServiceAsync(),
        "cancel_after_begin" => CancelAfterBeginAsync(),
        "timeout_on_sleeping_server" => TimeoutOnSleepingServerAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Not an interop case this client runs."),
    };

    public async Task EmptyUnaryAsync()
    {
        var response = await _channel.UnaryAsync(TestServiceMethods.EmptyCall, new Empty());

        Assert.NotNull(response);
        Assert.Equal(0, response.CalculateSize());
    }

    public async Task LargeUnaryAsync()
    {
        var response = await _channel.UnaryAsync(TestServiceMethods.UnaryCall, LargeRequest());

        AssertZeros(314159, response.Payload);
    }

    public async Task ClientCompressedUnaryAsync()
    {
        var probe = LargeRequest();
        probe.ExpectCompressed = new BoolValue { Value = true };
        var refused = await Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(TestServiceMethods.UnaryCall, probe));
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);

        var compressed = await _channel.UnaryAsync(TestServiceMethods.UnaryCall, probe, new CallOptions { WriteCompression = "gzip" });
        AssertZeros(314159, compressed.Payload);

        var plain = LargeRequest();
        plain.ExpectCompressed = new BoolValue { Value = false };
        var uncompressed = await _channel.UnaryAsync(TestServiceMethods.UnaryCall, plain);
        AssertZeros(314159, uncompressed.Payload);
    }

    public async Task ServerCompressedUnaryAsync()
    {
        foreach (var compress in new[] { true, false })
        {
            var request = LargeRequest();
            request.ResponseCompressed = new BoolValue { Value = compress };
            using var call = _channel.StartUnary(TestServiceMethods.UnaryCall, request);

            var response = await call;

            Assert.Equal(compress, call.ResponseCompressed);
            AssertZeros(314159, response.Payload);
        }
    }

    public async Task ServerStreamingAsync()
    {
        int[] sizes = [31415, 9, 2653, 58979];
        var request = new StreamingOutputCallRequest();
        request.ResponseParameters.AddRange(sizes.Select(size => new ResponseParameters { Size = size }));
        using var call = _channel.StartServerStreaming(TestServiceMethods.StreamingOutputCall, request);

        var received = new List<int>();
        await foreach (var response in call.ResponseStream)
        {
            AssertZeros(response.Payload.Body.Length, response.Payload);
            received.Add(response.Payload.Body.Length);
        }

        Assert.Equal(sizes, received);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    public async Task ServerCompressedStreamingAsync()
    {
        var request = new StreamingOutputCallRequest();
        request.ResponseParameters.Add(new ResponseParameters { Size = 31415, Compressed = new BoolValue { Value = true } });
        request.ResponseParameters.Add(new ResponseParameters { Size = 92653, Compressed = new BoolValue { Value = false } });
        using var call = _channel.StartServerStreaming(TestServiceMethods.StreamingOutputCall, request);

        var received = new List<(int Size, bool Compressed)>();
        await foreach (var response in call.ResponseStream)
        {
            AssertZeros(response.Payload.Body.Length, response.Payload);
            received.Add((response.Payload.Body.Length, call.LastMessageCompressed));
        }

        Assert.Equal([(31415, true), (92653, false)], received);
    }

    public async Task CustomMetadataAsync()
    {
        var options = new CallOptions { Headers = new Metadata().Add(EchoInitialKey, EchoInitialValue).Add(EchoTrailingKey, EchoTrailingValue) };

        using var unary = _channel.StartUnary(TestServiceMethods.UnaryCall, LargeRequest(), options);
        AssertZeros(314159, (await unary).Payload);
        AssertEchoedMetadata(await unary.ResponseHeadersAsync, unary.GetTrailers());

        var request = new StreamingOutputCallRequest { Payload = Zeros(271828) };
        request.ResponseParameters.Add(new ResponseParameters { Size = 314159 });
        using var streaming = _channel.StartServerStreaming(TestServiceMethods.StreamingOutputCall, request, options);
        var count = 0;
        await foreach (var response in streaming.ResponseStream)
        {
            AssertZeros(314159, response.Payload);
            count++;
        }

        Assert.Equal(1, count);
        AssertEchoedMetadata(await streaming.ResponseHeadersAsync, streaming.GetTrailers());
    }

    public Task StatusCodeAndMessageAsync() => AssertStatusEchoedAsync("test status message");

    public Task SpecialStatusMessageAsync() => AssertStatusEchoedAsync("\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n");

    public async Task UnimplementedMethodAsync()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(TestServiceMethods.UnimplementedMethod, new Empty()));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    public async Task UnimplementedServiceAsync()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(TestServiceMethods.UnimplementedService, new Empty()));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
    }

    public async Task CancelAfterBeginAsync()
    {
        using var cancellation = new CancellationTokenSource();
        using var call = _channel.StartServerStreaming(TestServiceMethods.StreamingOutputCall, SleepingRequest(), new CallOptions { CancellationToken = cancellation.Token });

        await cancellation.CancelAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => DrainAsync(call));

        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
        Assert.Equal(StatusCode.Cancelled, call.GetStatus().StatusCode);
    }

    public async Task TimeoutOnSleepingServerAsync()
    {
        using var call = _channel.StartServerStreaming(TestServiceMethods.StreamingOutputCall, SleepingRequest(), new CallOptions { Timeout = TimeSpan.FromMilliseconds(1) });

        var error = await Assert.ThrowsAsync<RpcException>(() => DrainAsync(call));

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
    }

    public void Dispose() => _channel.Dispose();

    internal static Payload Zeros(int size) => new() { Body = ByteString.CopyFrom(new byte[size]) };

    internal static SimpleRequest LargeRequest() => new() { ResponseSize = 314159, Payload = Zeros(271828) };

    /// <summary>A request the server answers only after ten seconds: long enough for any cancellation or deadline.</summary>
    internal static StreamingOutputCallRequest SleepingRequest()
    {
        var request = new StreamingOutputCallRequest { Payload = Zeros(27182) };
        request.ResponseParameters.Add(new ResponseParameters { Size = 1, IntervalUs = 10_000_000 });
        return request;
    }

    internal static async Task DrainAsync<T>(ServerStreamingCall<T> call)
    {
        await foreach (var unused in call.ResponseStream)
        {
        }
    }

    private static void AssertZeros(int size, Payload payload)
    {
        Assert.Equal(size, payload.Body.Length);
        Assert.True(payload.Body.Span.IndexOfAnyExcept((byte)0) < 0, "The payload holds non-zero bytes.");
    }

    private static void AssertEchoedMetadata(Metadata headers, Metadata trailers)
    {
        Assert.Equal(EchoInitialValue, headers.GetValue(EchoInitialKey));
        Assert.Equal(EchoTrailingValue, trailers.GetValueBytes(EchoTrailingKey));
    }

    private async Task AssertStatusEchoedAsync(string message)
    {
        var status = new EchoStatus { Code = (int)StatusCode.Unknown, Message = message };

        var unary = await Assert.ThrowsAsync<RpcException>(() => _channel.UnaryAsync(TestServiceMethods.UnaryCall, new SimpleRequest { ResponseStatus = status }));
        Assert.Equal(StatusCode.Unknown, unary.StatusCode);
        Assert.Equal(message, unary.Status.Detail);

        using var call = _channel.StartServerStreaming(TestServiceMethods.StreamingOutputCall, new StreamingOutputCallRequest { ResponseStatus = status });
        var streaming = await Assert.ThrowsAsync<RpcException>(() => DrainAsync(call));
        Assert.Equal(StatusCode.Unknown, streaming.StatusCode);
        Assert.Equal(message, streaming.Status.Detail);
    }
}
