using System.Net;
using AccountGrains.Grpc.Tests.Fixtures;
using AccountGrains.Grpc.Tests.Interop;
using Grpc.Testing;
using Microsoft.Extensions.Options;

namespace AccountGrains.Grpc.Tests.Server;

public sealed class ShutdownAndOptionsTests
{
    [Fact]
    public async Task GracefulShutdown_EndsOpenServerStreamWithUnavailable()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var host = await GrpcServerHost.StartAsync(services => services.AddGrpcService(new DelegateService(b =>
            b.AddServerStreaming(TestServiceImpl.StreamingOutputCall, async (_, stream, context) =>
            {
                await stream.WriteAsync(new StreamingOutputCallResponse());
                started.SetResult();
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
            }))));
        using var client = host.CreateHttpClient();
        using var request = RawGrpc.Request("/grpc.testing.TestService/StreamingOutputCall", new ByteArrayContent(RawGrpc.Frame(new StreamingOutputCallRequest())));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await started.Task;

        var stopping = host.DisposeAsync();
        var body = await response.Content.ReadAsByteArrayAsync();
        await stopping;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(5, body.Length); // the one (empty) message written before the shutdown
        Assert.Equal(((int)StatusCode.Unavailable).ToString(System.Globalization.CultureInfo.InvariantCulture), response.TrailingHeaders.GetValues("grpc-status").Single());
    }

    [Fact]
    public async Task InvalidOptions_FailTheHostAtStart()
    {
        var failure = await Record.ExceptionAsync(() => GrpcServerHost.StartAsync(
            services => services.AddGrpcHealthChecks(),
            options =>
            {
                options.MaxReceiveMessageSize = 0;
                options.ResponseCompressionAlgorithm = "br";
            }));

        var validation = Assert.IsType<OptionsValidationException>(failure);
        Assert.Equal(2, validation.Failures.Count());
    }
}
