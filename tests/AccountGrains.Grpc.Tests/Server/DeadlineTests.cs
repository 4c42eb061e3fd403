using AccountGrains.Grpc.Tests.Fixtures;
using AccountGrains.Grpc.Tests.Interop;
using AccountGrains.Testing;
using Grpc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AccountGrains.Grpc.Tests.Server;

public sealed class DeadlineTests
{
    private const string Path = "/grpc.testing.TestService/UnaryCall";

    [Fact]
    public async Task Deadline_WhenItPasses_CancelsHandlerTokenAndAnswersDeadlineExceeded()
    {
        var clock = new ManualTimeProvider();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tokenCancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        DateTime seenDeadline = default;
        await using var host = await StartAsync(clock, async (_, context) =>
        {
            seenDeadline = context.Deadline;
            started.SetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
            }
            catch (OperationCanceledException)
            {
                tokenCancelled.SetResult(true);
                throw;
            }

            return new SimpleResponse();
        });
        using var client = host.CreateHttpClient();

        var call = RawGrpc.CallAsync(client, Path, RawGrpc.Frame(new SimpleRequest()), r => r.Headers.Add("grpc-timeout", "5S"));
        await started.Task;
        clock.Advance(TimeSpan.FromSeconds(5));
        var response = await call;

        Assert.Equal(StatusCode.DeadlineExceeded, response.Status);
        Assert.True(await tokenCancelled.Task);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, seenDeadline);
    }

    [Fact]
    public async Task Deadline_WhenHandlerIgnoresToken_StillAnswersDeadlineExceededOnTime()
    {
        var clock = new ManualTimeProvider();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var host = await StartAsync(clock, async (_, _) =>
        {
            started.SetResult();
            await release.Task;
            return new SimpleResponse();
        });
        using var client = host.CreateHttpClient();

        var call = RawGrpc.CallAsync(client, Path, RawGrpc.Frame(new SimpleRequest()), r => r.Headers.Add("grpc-timeout", "100m"));
        await started.Task;
        clock.Advance(TimeSpan.FromMilliseconds(100));
        var response = await call;
        release.SetResult();

        Assert.Equal(StatusCode.DeadlineExceeded, response.Status);
        Assert.Empty(response.Body);
    }

    [Fact]
    public async Task Deadline_WhenHandlerFinishesFirst_AnswersOk()
    {
        var clock = new ManualTimeProvider();
        await using var host = await StartAsync(clock, (_, _) => Task.FromResult(new SimpleResponse()));
        using var client = host.CreateHttpClient();

        var response = await RawGrpc.CallAsync(client, Path, RawGrpc.Frame(new SimpleRequest()), r => r.Headers.Add("grpc-timeout", "1S"));
        clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(StatusCode.OK, response.Status);
    }

    private static Task<GrpcServerHost> StartAsync(ManualTimeProvider clock, UnaryServerMethod<SimpleRequest, SimpleResponse> handler) =>
        GrpcServerHost.StartAsync(services => services
            .AddSingleton<TimeProvider>(clock)
            .AddGrpcService(new DelegateService(b => b.AddUnary(TestServiceImpl.UnaryCall, handler))));
}
