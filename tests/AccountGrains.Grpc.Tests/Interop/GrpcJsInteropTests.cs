namespace AccountGrains.Grpc.Tests.Interop;

/// <summary>gRPC's server interop cases, driven by an independent client: grpc-js from npm.</summary>
public sealed class GrpcJsInteropTests(InteropServerFixture server) : IClassFixture<InteropServerFixture>
{
    public static TheoryData<string> Cases =>
    [
        "empty_unary", "large_unary", "client_compressed_unary", "server_compressed_unary", "server_streaming",
        "server_compressed_streaming", "custom_metadata", "status_code_and_message", "special_status_message",
        "unimplemented_method", "unimplemented_service", "cancel_after_begin", "timeout_on_sleeping_server",
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task InteropCase_FromGrpcJs_Passes(string testCase)
    {
        using var script = NodeScript.Start("interop-client.js", [$"--server_port={server.Port}", $"--test_case={testCase}"]);

        var exitCode = await script.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 0, $"{testCase} exited {exitCode}:\n{script.Output}");
    }
}
